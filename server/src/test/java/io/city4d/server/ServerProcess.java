package io.city4d.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** City4D serving the embedded store of a data directory as a process of its own, which a test can kill with SIGKILL. */
final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Process process;
    private final Path log;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts serving and waits until /health answers. */
    static ServerProcess start(Path data, int port, String adminToken, String... options) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
                "--http-port", Integer.toString(port), "--mqtt-port", "-1", "--data", data.toString()));
        command.addAll(List.of(options));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("CITY4D_ADMIN_TOKEN", adminToken);
        Path log = data.resolve("server-" + System.nanoTime() + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new ServerProcess(p, log);
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
            if (!p.isAlive()) throw new IllegalStateException("the server exited with " + p.exitValue() + ":\n" + Files.readString(log));
        }
        p.destroyForcibly();
        throw new IllegalStateException("the server did not become healthy");
    }

    /** What the process wrote so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, and the wait for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
