package io.city4d.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Aggregates the execution samples of a JFR recording: the methods on top of the stack (self time), and the methods
 * anywhere on the stack (inclusive time), so that a figure's bound can be read from a profile.
 */
@Command(name = "jfr-top", mixinStandardHelpOptions = true, description = "Summarises the samples (jdk.ExecutionSample by default) of a JFR recording.")
final class JfrTopCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A .jfr recording, such as one written by --jfr.")
    Path file;

    @Option(names = "--top", defaultValue = "25", description = "Rows per table (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--event", defaultValue = "jdk.ExecutionSample",
            description = "Sample event: jdk.ExecutionSample (Java code on CPU) or jdk.NativeMethodSample (threads in native code, such as SQLite or fsync).")
    String eventName;

    @Option(names = "--filter", defaultValue = "", description = "Only count samples whose stack has a frame containing this text.")
    String filter;

    @Override
    public Integer call() throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        double cpuSum = 0;
        double machineSum = 0;
        int cpuEvents = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getEventType().getName().equals("jdk.CPULoad")) {
                cpuSum += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                machineSum += event.getFloat("machineTotal");
                cpuEvents++;
            }
            if (!event.getEventType().getName().equals(eventName)) continue;
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) continue;
            List<String> frames = stack.getFrames().stream().map(JfrTopCommand::name).toList();
            if (!filter.isEmpty() && frames.stream().noneMatch(f -> f.contains(filter))) continue;
            samples++;
            self.merge(frames.get(0), 1, Integer::sum);
            Set<String> seen = new HashSet<>(frames);
            seen.forEach(f -> inclusive.merge(f, 1, Integer::sum));
        }
        System.out.printf(Locale.ROOT, "CPU over the recording: this JVM %.0f%%, whole machine %.0f%% (of all cores)%n",
                100 * cpuSum / Math.max(1, cpuEvents), 100 * machineSum / Math.max(1, cpuEvents));
        System.out.printf("%,d %s samples%s%n", samples, eventName, filter.isEmpty() ? "" : " with a frame matching '" + filter + "'");
        print("Self (top frame)", self, samples);
        print("Inclusive (anywhere on the stack)", inclusive, samples);
        return 0;
    }

    private void print(String title, Map<String, Integer> counts, int total) {
        System.out.println("\n" + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "%6.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
