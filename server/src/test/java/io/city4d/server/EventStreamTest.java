package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /events streams changes as Server-Sent Events, filtered by type and bounding box. */
class EventStreamTest {

    @Test
    void streamsOnlyMatchingChanges(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            var stream = server.http.sendAsync(server.request("/events?type=AirQualityObserved&bbox=105.84,21.02,105.86,21.04").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            HttpResponse<Stream<String>> response = stream.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            Thread.ofVirtual().start(() -> response.body().forEach(lines::add));
            Thread.sleep(200);
            server.post("/ngsi-ld/v1/entities", NgsiLdApiTest.station("urn:ngsi-ld:AirQualityObserved:far", 1, 106.5, 21.5));
            server.post("/ngsi-ld/v1/entities", "{\"id\":\"urn:ngsi-ld:Sensor:other\",\"type\":\"Sensor\",\"v\":{\"type\":\"Property\",\"value\":1}}");
            server.post("/ngsi-ld/v1/entities", NgsiLdApiTest.station("urn:ngsi-ld:AirQualityObserved:inside", 1, 105.85, 21.03));
            String data = null;
            long deadline = System.currentTimeMillis() + 10_000;
            while (data == null && System.currentTimeMillis() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith("data:")) data = line;
            }
            assertThat(data).contains("urn:ngsi-ld:AirQualityObserved:inside").contains("\"kind\":\"created\"");
            response.body().close();
        }
    }
}
