package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.core.pipeline.Pipeline;
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

/** A saturated pipeline answers 503 with Retry-After, writes nothing for refused requests, and keeps serving. */
class BackpressureTest {

    @Test
    void aFullPipelinePushesBack(@TempDir Path dir) throws Exception {
        ServerConfig config = ServerConfig.embedded(dir, TestServer.freePort(), -1).withAdminToken(TestServer.ADMIN)
                .withPipeline(new Pipeline.Settings(1, 2, 1, 100));
        try (City4d city = City4d.start(config)) {
            HttpClient http = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String body = "{\"id\":\"urn:ngsi-ld:Sensor:bp-" + i + "\",\"type\":\"Sensor\",\"v\":{\"type\":\"Property\",\"value\":" + i + "}}";
                responses.add(http.sendAsync(HttpRequest.newBuilder(URI.create(city.baseUrl() + "/ngsi-ld/v1/entities"))
                        .header("Authorization", "Bearer " + TestServer.ADMIN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            int created = 0;
            int refused = 0;
            for (int i = 0; i < responses.size(); i++) {
                HttpResponse<String> r = responses.get(i).get();
                HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(city.baseUrl() + "/ngsi-ld/v1/entities/urn:ngsi-ld:Sensor:bp-" + i))
                        .header("Authorization", "Bearer " + TestServer.ADMIN).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                    created++;
                    assertThat(read.statusCode()).isEqualTo(200);
                } else {
                    refused++;
                    assertThat(r.statusCode()).isEqualTo(503);
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    assertThat(r.body()).contains("overloaded");
                    assertThat(read.statusCode()).as("a refused write leaves nothing").isEqualTo(404);
                }
            }
            assertThat(created).isPositive();
            assertThat(refused).as("400 concurrent writes into a queue of 2 must be pushed back").isPositive();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(city.baseUrl() + "/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }
}
