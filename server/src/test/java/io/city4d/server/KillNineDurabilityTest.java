package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every write acknowledged with 2xx survives kill -9 of the server process. */
class KillNineDurabilityTest {
    private static final String TOKEN = "durability-admin-token-42";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void acknowledgedWritesSurviveKill9(@TempDir Path data) throws Exception {
        int port = TestServer.freePort();
        Process server = start(data, port);
        List<String> acknowledged = new ArrayList<>();
        try {
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String id = "urn:ngsi-ld:Sensor:durable-" + i;
                ids.add(id);
                String body = "{\"id\":\"" + id + "\",\"type\":\"Sensor\",\"v\":{\"type\":\"Property\",\"value\":" + i + "}}";
                inFlight.add(http.sendAsync(request(port, "/ngsi-ld/v1/entities").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < inFlight.size(); i++) {
                if (inFlight.get(i).get().statusCode() == 201) acknowledged.add(ids.get(i));
            }
        } finally {
            server.destroyForcibly().waitFor();
        }
        assertThat(acknowledged).hasSize(300);

        Process restarted = start(data, port);
        try {
            for (String id : acknowledged) {
                HttpResponse<String> r = http.send(request(port, "/ngsi-ld/v1/entities/" + id).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(id).isEqualTo(200);
            }
        } finally {
            restarted.destroyForcibly().waitFor();
        }
    }

    private HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + TOKEN);
    }

    private Process start(Path data, int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
                "--http-port", Integer.toString(port), "--mqtt-port", "-1", "--data", data.toString());
        pb.environment().put("CITY4D_ADMIN_TOKEN", TOKEN);
        pb.redirectErrorStream(true).redirectOutput(data.resolve("server-" + System.nanoTime() + ".log").toFile());
        Process p = pb.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return p;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
            if (!p.isAlive()) throw new IllegalStateException("the server exited with " + p.exitValue());
        }
        p.destroyForcibly();
        throw new IllegalStateException("the server did not become healthy");
    }
}
