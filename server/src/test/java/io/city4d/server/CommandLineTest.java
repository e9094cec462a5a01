package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line as a user meets it, run in this process: every wrong option and every start that cannot work is one
 * line on stderr that names the option, with a non-zero exit code, and a failed start leaves nothing behind.
 */
class CommandLineTest {
    @TempDir
    Path dir;

    /** What a run of the command line printed and returned. */
    record Run(int exitCode, String out, String err) {
        /** The one line of stderr, after checking that it is exactly one. */
        String errorLine() {
            assertThat(err.lines().toList()).as("stderr of exit " + exitCode + ":\n" + err).hasSize(1);
            return err.strip();
        }
    }

    /** Runs the command line; a command that would go on serving fails the test after a while instead of hanging it. */
    static Run run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        // a thread of its own: a command that serves must not hold up a shared pool's thread for the runs after it
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute(args), r -> Thread.ofPlatform().daemon().start(r));
        int code = exit.get(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void wrongOptionsAreOneLineNamingTheOption() throws Exception {
        Path data = dir.resolve("data");
        assertRefused(run("serve", "--http-port", "99999", "--data", data.toString()), "--http-port must be a port from 0 to 65535, not 99999");
        assertRefused(run("serve", "--http-port", "-5", "--data", data.toString()), "--http-port must be a port from 0 to 65535, not -5");
        assertRefused(run("serve", "--mqtt-port", "-2", "--data", data.toString()), "--mqtt-port must be a port from 0 to 65535, or -1");
        assertRefused(run("serve", "--store", "mysql", "--data", data.toString()), "--store", "mysql", "sqlite, postgres");
        assertRefused(run("serve", "--bridge", "broker:mqtt", "--data", data.toString()), "--bridge", "host:port");
        assertRefused(run("serve", "--rate-limit", "mayor=5", "--data", data.toString()), "--rate-limit", "mayor");
        assertRefused(run("serve", "--context-allow", "10.0.0.0/99", "--data", data.toString()), "--context-allow", "10.0.0.0/99");
        assertRefused(run("demo", "--max-body", "0", "--data", data.toString()), "--max-body");
        assertThat(data).doesNotExist();
    }

    private static void assertRefused(Run run, String... says) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errorLine()).startsWith("city4d ").contains(says);
    }

    @Test
    void aTakenHttpPortFailsTheStartInOneLineAndCreatesNothing() throws Exception {
        Path data = dir.resolve("http-taken");
        TakenRun run = runWithAPortTaken("serve", "--http-port", "TAKEN", "--mqtt-port", "-1", "--data", data.toString());
        assertThat(run.errorLine()).isEqualTo("city4d serve: --http-port " + run.takenPort() + ": 127.0.0.1:" + run.takenPort()
                + " is already in use by another program; stop it or choose another port");
        assertThat(run.out()).doesNotContain("serving");
        assertThat(data).doesNotExist();
    }

    @Test
    void aTakenMqttPortFailsTheStartInOneLine() throws Exception {
        TakenRun run = runWithAPortTaken("serve", "--http-port", "0", "--mqtt-port", "TAKEN", "--data", dir.resolve("mqtt-taken").toString());
        assertThat(run.errorLine()).contains("--mqtt-port " + run.takenPort(), "already in use");
    }

    @Test
    void theDemoHonoursAnExplicitPortAndFailsWhenItIsTaken() throws Exception {
        TakenRun run = runWithAPortTaken("demo", "--http-port", "0", "--mqtt-port", "TAKEN", "--data", dir.resolve("demo").toString());
        assertThat(run.errorLine()).contains("--mqtt-port " + run.takenPort(), "already in use");
    }

    /** A run that was given, for the argument TAKEN, a port that another socket holds; it must exit with 1. */
    private record TakenRun(Run run, int takenPort) {
        String errorLine() { return run.errorLine(); }

        String out() { return run.out(); }
    }

    private static TakenRun runWithAPortTaken(String... args) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());
            Run run = run(java.util.Arrays.stream(args).map(a -> a.equals("TAKEN") ? port : a).toArray(String[]::new));
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            return new TakenRun(run, taken.getLocalPort());
        }
    }

    @Test
    void aDataDirectoryThatCannotBeUsedIsOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        Run notADirectory = run("serve", "--http-port", "0", "--mqtt-port", "-1", "--data", file.toString());
        assertThat(notADirectory.exitCode()).isEqualTo(1);
        assertThat(notADirectory.errorLine()).contains("--data " + file, "exists and is not a directory");

        Path blocked = dir.resolve("blocked");
        Files.createDirectories(blocked.resolve("city4d.db"));
        Run noStore = run("serve", "--http-port", "0", "--mqtt-port", "-1", "--data", blocked.toString());
        assertThat(noStore.exitCode()).isEqualTo(1);
        assertThat(noStore.errorLine()).contains("--data " + blocked, "cannot open the embedded store");
    }

    @Test
    void anUnknownHostIsOneLine() throws Exception {
        Run run = run("serve", "--host", "no-such-host.invalid", "--http-port", "0", "--data", dir.resolve("d").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLine()).isEqualTo("city4d serve: --host no-such-host.invalid: no such host");
    }

    @Test
    void simulateAgainstNoServerIsOneLine() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Run run = run("simulate", "--url", "http://127.0.0.1:" + closed, "--token", "t");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLine()).isEqualTo("city4d simulate: --url http://127.0.0.1:" + closed + ": no server answers there (connection refused)");
        assertThat(run("simulate", "--url", "http://127.0.0.1:" + closed).errorLine()).contains("--token");
    }

    @Test
    void theFirstAdminTokenIsIssuedOnlyByAStartThatServes() throws IOException {
        Path data = dir.resolve("first-start");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerConfig failing = ServerConfig.embedded(data, taken.getLocalPort(), -1).withAdminToken(null);
            assertThatThrownBy(() -> City4d.start(failing)).isInstanceOf(CommandFailure.class);
        }
        try (City4d city = City4d.start(ServerConfig.embedded(data, 0, -1).withAdminToken(null))) {
            assertThat(city.issuedAdminToken()).as("the token of the first start that serves").startsWith("c4d_");
        }
    }

    @Test
    void theTopLevelHelpListsEveryCommandAndBenchPointsAtItsOwnHelp() throws Exception {
        Run help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("serve", "demo", "simulate", "bench", "./city4d bench --help");
        Run bench = run("bench");
        assertThat(bench.exitCode()).isEqualTo(1);
        assertThat(bench.errorLine()).contains("./city4d bench --help");
    }
}
