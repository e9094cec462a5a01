package io.city4d.protocol.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.core.security.Principal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge against the real Mosquitto broker on loopback. */
class MqttBridgeTest {
    @TempDir
    Path dir;
    TestCity city;
    Principal operator;
    String prefix;
    MqttClient publisher;

    @BeforeEach
    void start() throws Exception {
        Mosquitto.require();
        city = new TestCity(dir);
        city.addDevice("", "br-aq-1");
        city.addDevice("hue", "br-aq-2");
        operator = city.operator(null);
        prefix = Mosquitto.uniquePrefix("bridge");
        publisher = new MqttClient("tcp://" + Mosquitto.HOST + ":" + Mosquitto.PORT, MqttClient.generateClientId(), new MemoryPersistence());
        publisher.connect(new MqttConnectOptions());
    }

    @AfterEach
    void stop() throws Exception {
        if (publisher != null) {
            publisher.disconnect();
            publisher.close();
        }
        if (city != null) city.close();
    }

    private MqttBridge bridge(String clientId) throws Exception {
        MqttBridge bridge = new MqttBridge(new MqttBridge.Settings(Mosquitto.HOST, Mosquitto.PORT, null, null, prefix + "#", clientId), operator, city.telemetry);
        bridge.start().get(10, TimeUnit.SECONDS);
        return bridge;
    }

    private void publish(String topic, String payload) throws Exception {
        publisher.publish(prefix + topic, payload.getBytes(UTF_8), 1, false);
    }

    @Test
    void readingsPublishedToTheBrokerAreStoredInTheirTenants() throws Exception {
        try (MqttBridge bridge = bridge("city4d-test-" + UUID.randomUUID())) {
            publish("devices/br-aq-1/attrs", "{\"pm25\": 21.5, \"ts\": \"2026-11-25T08:00:00Z\"}");
            publish("t/hue/devices/br-aq-2/attrs", "{\"pm25\": 8}");

            assertThat(Await.until(() -> Double.valueOf(21.5).equals(city.reading("", "br-aq-1", "pm25")), Duration.ofSeconds(10))).isTrue();
            assertThat(Await.until(() -> Double.valueOf(8).equals(city.reading("hue", "br-aq-2", "pm25")), Duration.ofSeconds(10))).isTrue();
            assertThat(Await.until(() -> bridge.messagesStored() == 2, Duration.ofSeconds(5))).isTrue();
            assertThat(bridge.connected()).isTrue();
        }
    }

    @Test
    void messagesThatCanNeverBeStoredAreCountedAndDoNotBlockTheOthers() throws Exception {
        try (MqttBridge bridge = bridge("city4d-test-" + UUID.randomUUID())) {
            publish("devices/br-aq-1/attrs", "{not json");
            publish("devices/no-such-device/attrs", "{\"pm25\": 1}");
            publish("sensors/br-aq-1", "{\"pm25\": 1}");
            publish("devices/br-aq-1/attrs", "{\"pm10\": 33}");

            assertThat(Await.until(() -> Double.valueOf(33).equals(city.reading("", "br-aq-1", "pm10")), Duration.ofSeconds(10))).isTrue();
            assertThat(Await.until(() -> bridge.messagesRejected() == 3, Duration.ofSeconds(5))).isTrue();
            assertThat(city.reading("", "br-aq-1", "pm25")).isNull();
        }
    }

    @Test
    void messagesSentWhileTheBridgeIsAwayAreStoredWhenItComesBack() throws Exception {
        String clientId = "city4d-test-" + UUID.randomUUID();
        bridge(clientId).close();

        publish("devices/br-aq-1/attrs", "{\"co\": 0.4}");
        assertThat(city.reading("", "br-aq-1", "co")).isNull();

        try (MqttBridge bridge = bridge(clientId)) {
            assertThat(Await.until(() -> Double.valueOf(0.4).equals(city.reading("", "br-aq-1", "co")), Duration.ofSeconds(10))).isTrue();
        }
    }
}
