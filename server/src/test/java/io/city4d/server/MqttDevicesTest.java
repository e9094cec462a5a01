package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices reach the twin over MQTT: mosquitto_pub to the built-in endpoint with the device's key, and through the
 * bridge from the Mosquitto broker on 127.0.0.1:1883.
 */
class MqttDevicesTest {

    @Test
    void mosquittoPubToTheBuiltInEndpoint(@TempDir Path dir) throws Exception {
        assumeTrue(new java.io.File("/usr/bin/mosquitto_pub").canExecute() || isCi(), "mosquitto_pub is not installed (apt-get install mosquitto-clients)");
        try (TestServer server = new TestServer(dir)) {
            String key = register(server, "aq-mqtt", "urn:ngsi-ld:AirQualityObserved:aq-mqtt");
            Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(server.city.mqttPort()), "-V", "mqttv5",
                    "-q", "1", "-u", "aq-mqtt", "-P", key, "-t", "devices/aq-mqtt/attrs", "-m", "{\"pm25\": 12.5, \"pm10\": 20}").inheritIO().start();
            assertThat(pub.waitFor()).isZero();
            JsonNode entity = TestServer.json(server.get("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:aq-mqtt"));
            assertThat(entity.at("/pm25/value").asDouble()).as("PUBACK came after the write was durable").isEqualTo(12.5);

            Process wrongKey = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(server.city.mqttPort()),
                    "-q", "1", "-u", "aq-mqtt", "-P", "wrong", "-t", "devices/aq-mqtt/attrs", "-m", "{\"pm25\": 99}").start();
            assertThat(wrongKey.waitFor()).isNotZero();
        }
    }

    @Test
    void theBridgeTakesReadingsFromAnExternalBroker(@TempDir Path dir) throws Exception {
        assumeTrue(brokerUp() || isCi(), "no MQTT broker on 127.0.0.1:1883; the bridge test needs one (CI starts Mosquitto)");
        String prefix = "city4d-test-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        ServerConfig config = ServerConfig.embedded(dir, TestServer.freePort(), -1).withAdminToken(TestServer.ADMIN)
                .withRetries(List.of(Duration.ofMillis(50)))
                .withBridge(new ServerConfig.Bridge("127.0.0.1", 1883, null, null, prefix, "bridge-" + UUID.randomUUID()));
        try (TestServer server = new TestServer(config)) {
            register(server, "gauge-1", "urn:ngsi-ld:FloodMonitoring:gauge-1", "water-level");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            int status = 404;
            while (status != 200 && Instant.now().isBefore(deadline)) {
                Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", "1883", "-q", "1",
                        "-t", prefix + "devices/gauge-1/attrs", "-m", "{\"level\": 1.75}").inheritIO().start();
                assertThat(pub.waitFor()).isZero();
                Thread.sleep(300);
                status = server.get("/ngsi-ld/v1/entities/urn:ngsi-ld:FloodMonitoring:gauge-1").statusCode();
            }
            JsonNode entity = TestServer.json(server.get("/ngsi-ld/v1/entities/urn:ngsi-ld:FloodMonitoring:gauge-1"));
            assertThat(entity.at("/currentLevel/value").asDouble()).isEqualTo(1.75);
            assertThat(entity.at("/currentLevel/unitCode").asText()).isEqualTo("MTR");
        }
    }

    private static String register(TestServer server, String id, String entityId) throws Exception {
        return register(server, id, entityId, "air-quality");
    }

    private static String register(TestServer server, String id, String entityId, String profile) throws Exception {
        var r = server.post("/admin/v1/devices", "{\"id\":\"" + id + "\",\"entityId\":\"" + entityId + "\",\"profile\":\"" + profile + "\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        return TestServer.json(r).get("apiKey").asText();
    }

    private static boolean brokerUp() {
        try (Socket s = new Socket("127.0.0.1", 1883)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isCi() {
        return "true".equals(System.getenv("CI"));
    }
}
