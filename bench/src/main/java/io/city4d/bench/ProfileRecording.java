package io.city4d.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A JDK Flight Recording of this JVM (server and load generator) with the "profile" settings, written on close. Method
 * samples are taken every millisecond rather than every 10 to 20: a latency scenario spends only seconds in the code
 * it measures, too few samples at the default rate.
 */
final class ProfileRecording implements AutoCloseable {
    private final Recording recording;
    private final Path file;

    ProfileRecording(Path file) throws IOException, ParseException {
        this.file = file;
        recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setName("city4d-bench");
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
        recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(1));
        recording.start();
        Progress.say("recording a JFR profile to " + file);
    }

    @Override
    public void close() throws IOException {
        recording.stop();
        recording.dump(file);
        recording.close();
        Progress.say("JFR profile written to " + file + "; summarise it with `city4d bench jfr-top " + file + "`");
    }
}
