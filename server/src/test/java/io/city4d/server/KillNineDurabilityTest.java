package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
        ServerProcess server = ServerProcess.start(data, port, TOKEN);
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
                HttpResponse<String> answer = inFlight.get(i).get();
                // 300 requests at once may meet the server's overload answer on a loaded machine; a client resends then
                for (int tries = 0; answer.statusCode() == 503 && tries < 20; tries++) {
                    Thread.sleep(1_000L * Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1")));
                    answer = http.send(answer.request(), HttpResponse.BodyHandlers.ofString());
                }
                if (answer.statusCode() == 201) acknowledged.add(ids.get(i));
            }
        } finally {
            server.kill();
        }
        assertThat(acknowledged).hasSize(300);

        try (ServerProcess restarted = ServerProcess.start(data, port, TOKEN)) {
            for (String id : acknowledged) {
                HttpResponse<String> r = http.send(request(port, "/ngsi-ld/v1/entities/" + id).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(id).isEqualTo(200);
            }
        }
    }

    private HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + TOKEN);
    }
}
