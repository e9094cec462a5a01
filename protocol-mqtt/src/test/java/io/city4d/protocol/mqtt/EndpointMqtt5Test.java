package io.city4d.protocol.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EndpointMqtt5Test extends EndpointTestBase {
    private static final String READING = "{\"pm25\": 12.5, \"pm10\": 20, \"ts\": \"2026-11-25T09:00:00Z\"}";

    private final List<MqttAsyncClient> clients = new ArrayList<>();
    String key1;

    @BeforeAll
    void registerDevices() {
        key1 = fixture.city.addDevice("", "v5-aq-1");
        fixture.city.addDevice("", "v5-aq-2");
    }

    @AfterEach
    void closeClients() throws MqttException {
        for (MqttAsyncClient client : clients) {
            if (client.isConnected()) client.disconnect().waitForCompletion(5_000);
            client.close();
        }
        clients.clear();
    }

    private MqttAsyncClient connect(String apiKey) throws MqttException {
        return connect(apiKey, new PahoV5Inbox());
    }

    private MqttAsyncClient connect(String apiKey, PahoV5Inbox inbox) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(fixture.uri(), "v5-" + System.nanoTime(), new MemoryPersistence());
        clients.add(client);
        client.setCallback(inbox);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("whoever");
        options.setPassword(apiKey.getBytes(UTF_8));
        client.connect(options).waitForCompletion(5_000);
        return client;
    }

    /** Publishes and returns the PUBACK reason code (0 for success). */
    private static int publish(MqttAsyncClient client, String topic, String payload, int qos) throws MqttException {
        IMqttToken token = client.publish(topic, payload.getBytes(UTF_8), qos, false);
        try {
            token.waitForCompletion(5_000);
        } catch (MqttException e) {
            return e.getReasonCode();
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    @Test
    void qos1ReadingIsStoredWhenPubAckArrives() throws Exception {
        MqttAsyncClient client = connect(key1);
        assertThat(publish(client, "devices/v5-aq-1/attrs", READING, 1)).isZero();
        assertThat(fixture.city.reading("", "v5-aq-1", "pm25")).isEqualTo(12.5);
        assertThat(fixture.city.reading("", "v5-aq-1", "pm10")).isEqualTo(20.0);
    }

    @Test
    void aReadingTheStoreRefusesGetsPayloadFormatInvalidAndTheConnectionStays() throws Exception {
        String device = "v5-refused";
        MqttAsyncClient client = connect(fixture.city.addDevice("", device));
        fixture.city.writeEntityBehindThePipeline("", device);
        assertThat(publish(client, "devices/" + device + "/attrs", "{\"pm25\": 1}", 1)).isEqualTo(0x99);
        assertThat(client.isConnected()).isTrue();
        assertThat(publish(client, "devices/" + device + "/attrs", "{\"pm25\": 2}", 1)).as("read again from the store, then written").isZero();
        assertThat(fixture.city.reading("", device, "pm25")).isEqualTo(2.0);
    }

    @Test
    void qos0ReadingIsStored() throws Exception {
        MqttAsyncClient client = connect(key1);
        assertThat(publish(client, "devices/v5-aq-1/attrs", "{\"o3\": 61}", 0)).isZero();
        assertThat(Await.until(() -> Double.valueOf(61).equals(fixture.city.reading("", "v5-aq-1", "o3")), Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void wrongApiKeyIsRefusedWithBadUserNameOrPassword() {
        assertThatThrownBy(() -> connect("c4d_wrong"))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
        assertThat(fixture.endpoint.refusedConnections()).isPositive();
    }

    @Test
    void malformedJsonIsRefusedWithPayloadFormatInvalidAndNotWritten() throws Exception {
        String device = "v5-bad-json";
        PahoV5Inbox inbox = new PahoV5Inbox();
        MqttAsyncClient client = connect(fixture.city.addDevice("", device), inbox);
        client.subscribe(new MqttSubscription("devices/" + device + "/errors", 0)).waitForCompletion(5_000);

        assertThat(publish(client, "devices/" + device + "/attrs", "pm25=3", 1)).isEqualTo(0x99);
        MqttMessage error = inbox.messages.poll(5, TimeUnit.SECONDS);
        assertThat(error.getProperties().getContentType()).isEqualTo("application/json");
        JsonNode problem = Json.MAPPER.readTree(error.getPayload());
        assertThat(problem.get("type").asText()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/BadRequestData");
        assertThat(publish(client, "devices/" + device + "/attrs", "[1, 2]", 1)).isEqualTo(0x99);
        assertThat(fixture.city.entity("", device)).isNull();
    }

    @Test
    void anotherDevicesTopicIsRefusedWithNotAuthorized() throws Exception {
        MqttAsyncClient client = connect(key1);
        assertThat(publish(client, "devices/v5-aq-2/attrs", READING, 1)).isEqualTo(0x87);
        assertThat(publish(client, "t/other-city/devices/v5-aq-1/attrs", READING, 1)).isEqualTo(0x87);
        assertThat(fixture.city.entity("", "v5-aq-2")).isNull();
    }

    @Test
    void topicsOutsideTheSchemeAreRefusedWithTopicNameInvalid() throws Exception {
        MqttAsyncClient client = connect(key1);
        assertThat(publish(client, "devices/v5-aq-1/state", READING, 1)).isEqualTo(0x90);
        assertThat(publish(client, "sensors/v5-aq-1", READING, 1)).isEqualTo(0x90);
        assertThat(publish(client, "devices/v5-aq-1/commands", READING, 1)).isEqualTo(0x90);
        // The connection is still usable after refusals.
        assertThat(publish(client, "devices/v5-aq-1/attrs", "{\"so2\": 4}", 1)).isZero();
        assertThat(fixture.city.reading("", "v5-aq-1", "so2")).isEqualTo(4.0);
    }

    @Test
    void subscriptionsAreLimitedToTheClientsOwnTopics() throws Exception {
        MqttAsyncClient client = connect(key1);
        IMqttToken token = client.subscribe(new MqttSubscription[] {
                new MqttSubscription("devices/v5-aq-1/errors", 1),
                new MqttSubscription("devices/v5-aq-2/errors", 1),
                new MqttSubscription("t/other-city/devices/v5-aq-1/commands", 1),
                new MqttSubscription("devices/v5-aq-1/attrs", 1)});
        try {
            token.waitForCompletion(5_000);
        } catch (MqttException e) {
            // Paho reports a failure code as an exception; the codes themselves are checked below.
        }
        assertThat(token.getReasonCodes()).containsExactly(1, 0x87, 0x87, 0x87);
    }
}
