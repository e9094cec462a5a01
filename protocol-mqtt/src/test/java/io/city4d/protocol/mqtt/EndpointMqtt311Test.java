package io.city4d.protocol.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Json;
import io.city4d.core.model.Property;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EndpointMqtt311Test extends EndpointTestBase {
    private static final String READING = "{\"pm25\": 31.2, \"pm10\": 48, \"ts\": \"2026-11-25T08:00:00Z\"}";

    private final List<MqttClient> clients = new ArrayList<>();
    String key1;
    String key2;

    @BeforeAll
    void registerDevices() {
        key1 = fixture.city.addDevice("", "v3-aq-1");
        key2 = fixture.city.addDevice("", "v3-aq-2");
    }

    @AfterEach
    void closeClients() throws MqttException {
        for (MqttClient client : clients) {
            if (client.isConnected()) client.disconnect();
            client.close();
        }
        clients.clear();
    }

    private MqttClient connect(String username, String apiKey) throws MqttException {
        return connect(username, apiKey, MqttClient.generateClientId());
    }

    private MqttClient connect(String username, String apiKey, String clientId) throws MqttException {
        MqttClient client = new MqttClient(fixture.uri(), clientId, new MemoryPersistence());
        clients.add(client);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(username);
        if (apiKey != null) options.setPassword(apiKey.toCharArray());
        client.connect(options);
        return client;
    }

    @Test
    void qos1ReadingIsStoredWhenPubAckArrives() throws Exception {
        MqttClient client = connect("v3-aq-1", key1);
        client.publish("devices/v3-aq-1/attrs", READING.getBytes(UTF_8), 1, false);

        // No waiting: the PUBACK promised that the reading is durable.
        var pm25 = (Property) fixture.city.entity("", "v3-aq-1").attribute(TestCity.attribute("pm25"));
        assertThat(pm25.numericValue()).isEqualTo(31.2);
        assertThat(pm25.unitCode()).isEqualTo("GQ");
        assertThat(pm25.observedAt()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(fixture.city.reading("", "v3-aq-1", "pm10")).isEqualTo(48.0);
    }

    @Test
    void qos0ReadingIsStored() throws Exception {
        MqttClient client = connect("v3-aq-2", key2);
        client.publish("devices/v3-aq-2/attrs", "{\"no2\": 17.5}".getBytes(UTF_8), 0, false);
        assertThat(Await.until(() -> Double.valueOf(17.5).equals(fixture.city.reading("", "v3-aq-2", "no2")), Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void wrongOrMissingApiKeyIsRefused() {
        assertThatThrownBy(() -> connect("v3-aq-1", "c4d_not-a-key"))
                .isInstanceOfSatisfying(MqttSecurityException.class, e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
        assertThatThrownBy(() -> connect("v3-aq-1", null))
                .isInstanceOfSatisfying(MqttSecurityException.class, e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
    }

    @Test
    void malformedJsonIsAcknowledgedReportedAndNotWritten() throws Exception {
        String device = "v3-bad-json";
        String key = fixture.city.addDevice("", device);
        MqttClient client = connect(device, key);
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        client.subscribe("devices/" + device + "/errors", 1, (topic, message) -> errors.add(new String(message.getPayload(), UTF_8)));

        client.publish("devices/" + device + "/attrs", "{\"pm25\": 31.2".getBytes(UTF_8), 1, false);

        JsonNode problem = Json.MAPPER.readTree(errors.poll(5, TimeUnit.SECONDS));
        assertThat(problem.get("type").asText()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/BadRequestData");
        assertThat(problem.get("title").asText()).isEqualTo("Bad request data");
        assertThat(problem.get("detail").asText()).contains("JSON");
        assertThat(fixture.city.entity("", device)).isNull();
    }

    @Test
    void anotherDevicesTopicIsRefusedAndReportedOnTheSendersErrors() throws Exception {
        String device = "v3-intruder";
        String key = fixture.city.addDevice("", device);
        String victim = "v3-victim";
        fixture.city.addDevice("", victim);
        MqttClient client = connect(device, key);
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        client.subscribe("devices/" + device + "/errors", 0, (topic, message) -> errors.add(new String(message.getPayload(), UTF_8)));

        client.publish("devices/" + victim + "/attrs", READING.getBytes(UTF_8), 1, false);

        assertThat(Json.MAPPER.readTree(errors.poll(5, TimeUnit.SECONDS)).get("type").asText()).isEqualTo("https://city4d.io/problems/forbidden");
        assertThat(fixture.city.entity("", victim)).isNull();
        assertThat(fixture.endpoint.messagesRejected()).isPositive();
    }

    @Test
    void subscribingToAnotherDevicesTopicsIsRefused() throws Exception {
        MqttClient client = connect("v3-aq-1", key1);
        client.subscribe("devices/v3-aq-1/errors", 1);
        assertThatThrownBy(() -> client.subscribe("devices/v3-aq-2/errors", 1)).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> client.subscribe("devices/v3-aq-1/attrs", 1)).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> client.subscribe("devices/+/commands", 1)).isInstanceOf(MqttException.class);
    }

    @Test
    void aSecondConnectionWithTheSameClientIdTakesTheSessionOver() throws Exception {
        MqttClient first = connect("v3-aq-2", key2, "v3-same-client");
        MqttClient second = connect("v3-aq-2", key2, "v3-same-client");
        assertThat(Await.until(() -> !first.isConnected(), Duration.ofSeconds(5))).isTrue();
        assertThat(second.isConnected()).isTrue();
        // The same client id under another credential is another session.
        MqttClient other = connect("v3-aq-1", key1, "v3-same-client");
        Thread.sleep(200);
        assertThat(second.isConnected()).isTrue();
    }

    @Test
    void commandsReachTheSubscribedDevice() throws Exception {
        MqttClient client = connect("v3-aq-1", key1);
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        client.subscribe("devices/v3-aq-1/commands", 1, (topic, message) -> commands.add(topic + " " + new String(message.getPayload(), UTF_8)));

        assertThat(fixture.endpoint.sendCommand("", "v3-aq-1", "{\"reboot\":true}".getBytes(UTF_8))).isEqualTo(1);
        assertThat(commands.poll(5, TimeUnit.SECONDS)).isEqualTo("devices/v3-aq-1/commands {\"reboot\":true}");

        client.unsubscribe("devices/v3-aq-1/commands");
        assertThat(fixture.endpoint.sendCommand("", "v3-aq-1", "{}".getBytes(UTF_8))).isZero();
    }
}
