package io.city4d.bench.soak;

import io.city4d.bench.Progress;
import io.city4d.bench.http.HttpConnection;
import io.city4d.bench.server.PostgresDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * City4D as a user runs it: {@code ./city4d serve} in a process of its own, with the launcher's JVM settings (its heap
 * limit among them), on free ports of 127.0.0.1, so that its memory is its own and a kill -9 kills only it.
 */
final class ServerProcess implements AutoCloseable {
    static final String TOKEN = "soak-admin-token-0123456789abcdef";

    private final Path launcher;
    private final Path dataDir;
    private final PostgresDatabase database;
    private final String javaOptions;
    final int httpPort = freePort();
    final int mqttPort = freePort();
    private Process process;

    /** @param javaOptions more JVM options for the server, as the launcher takes them in JAVA_OPTS (null for none) */
    ServerProcess(Path dataDir, PostgresDatabase database, String javaOptions) {
        this.launcher = repositoryRoot().resolve("city4d");
        this.dataDir = dataDir;
        this.database = database;
        this.javaOptions = javaOptions;
    }

    /** Starts the server and waits until /health answers. */
    void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "serve", "--http-port", Integer.toString(httpPort),
                "--mqtt-port", Integer.toString(mqttPort), "--data", dataDir.toString(), "--notify-allow", "127.0.0.1"));
        if (database != null) command.addAll(List.of("--store", "postgres", "--db-url", database.url(), "--db-user", database.user()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
        builder.environment().put("CITY4D_ADMIN_TOKEN", TOKEN);
        if (javaOptions == null) builder.environment().remove("JAVA_OPTS");
        else builder.environment().put("JAVA_OPTS", javaOptions);
        if (database != null && database.password() != null) builder.environment().put("CITY4D_DB_PASSWORD", database.password());
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!healthy()) {
            if (!process.isAlive()) throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + dataDir.resolve("server.log"));
            if (System.nanoTime() > deadline) throw new IllegalStateException("the server did not answer /health within 3 minutes");
            Thread.sleep(200);
        }
        Progress.say("server pid " + process.pid() + " serving on 127.0.0.1:" + httpPort + " (MQTT " + mqttPort + "), log " + dataDir.resolve("server.log"));
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** kill -9: nothing the server has not made durable survives. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private boolean healthy() {
        try (HttpConnection c = new HttpConnection("127.0.0.1", httpPort)) {
            return c.exchange(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes()).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** The checkout this bench runs from: its jar lies in bench/target. */
    private static Path repositoryRoot() {
        try {
            Path jar = Path.of(ServerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent().getParent().getParent();
            if (!Files.isExecutable(root.resolve("city4d"))) throw new IllegalStateException("no city4d launcher in " + root);
            return root;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
        }
    }
}
