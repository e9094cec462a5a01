package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device registered by an admin sends readings over HTTP with its own key; the profile maps them to attributes. */
class DeviceIngestTest {

    @Test
    void deviceReadingsLandOnTheirEntity(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            var registered = server.post("/admin/v1/devices", "{\"id\":\"aq-7\",\"entityId\":\"urn:ngsi-ld:AirQualityObserved:aq-7\",\"profile\":\"air-quality\"}");
            assertThat(registered.statusCode()).isEqualTo(201);
            String key = TestServer.json(registered).get("apiKey").asText();
            assertThat(server.get("/admin/v1/devices").body()).doesNotContain(key);

            var sent = server.send(HttpRequest.newBuilder(java.net.URI.create(server.city.baseUrl() + "/ingest/v1/devices/aq-7"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"pm25\": 31.2, \"pm10\": 48, \"ts\": \"2026-11-25T08:00:00Z\"}")));
            assertThat(sent.statusCode()).isEqualTo(204);
            JsonNode entity = TestServer.json(server.get("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:aq-7"));
            assertThat(entity.at("/pm25/value").asDouble()).isEqualTo(31.2);
            assertThat(entity.at("/pm25/unitCode").asText()).isEqualTo("GQ");
            assertThat(entity.at("/pm10/observedAt").asText()).isEqualTo("2026-11-25T08:00:00Z");

            var bad = server.send(HttpRequest.newBuilder(java.net.URI.create(server.city.baseUrl() + "/ingest/v1/devices/aq-7"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"pm25\": ")));
            assertThat(bad.statusCode()).isEqualTo(400);

            var other = server.send(HttpRequest.newBuilder(java.net.URI.create(server.city.baseUrl() + "/ingest/v1/devices/aq-8"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"pm25\": 1}")));
            assertThat(other.statusCode()).isEqualTo(403);

            var deviceReads = server.send(HttpRequest.newBuilder(java.net.URI.create(server.city.baseUrl() + "/ngsi-ld/v1/types"))
                    .header("Authorization", "Bearer " + key));
            assertThat(deviceReads.statusCode()).as("a device key cannot read the twin").isEqualTo(403);
        }
    }

    /** Registering a device again replaces its key: the old one, lost or leaked, stops working at once. */
    @Test
    void registeringADeviceAgainRotatesItsKey(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            String registration = "{\"id\":\"aq-9\",\"entityId\":\"urn:ngsi-ld:AirQualityObserved:aq-9\",\"profile\":\"air-quality\"}";
            String oldKey = TestServer.json(server.post("/admin/v1/devices", registration)).get("apiKey").asText();
            var again = server.post("/admin/v1/devices", registration);
            assertThat(again.statusCode()).isEqualTo(200);
            String newKey = TestServer.json(again).get("apiKey").asText();
            assertThat(newKey).isNotEqualTo(oldKey);
            assertThat(send(server, oldKey).statusCode()).as("the replaced key").isEqualTo(401);
            assertThat(send(server, newKey).statusCode()).isEqualTo(204);
        }
    }

    private static java.net.http.HttpResponse<String> send(TestServer server, String key) throws Exception {
        return server.send(HttpRequest.newBuilder(java.net.URI.create(server.city.baseUrl() + "/ingest/v1/devices/aq-9"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"pm25\": 3}")));
    }
}
