package io.city4d.protocol.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.city4d.core.security.AddressPolicy;
import io.city4d.core.subscription.UndeliverableNotification;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notifications published to the real Mosquitto broker on loopback. */
class MqttNotificationTransportTest {
    MqttNotificationTransport transport;
    MqttAsyncClient subscriber;
    String prefix;
    final PahoV5Inbox inbox = new PahoV5Inbox();
    final BlockingQueue<MqttMessage> received = inbox.messages;

    @BeforeEach
    void start() throws Exception {
        Mosquitto.require();
        transport = new MqttNotificationTransport(new AddressPolicy(List.of(Mosquitto.HOST + "/32"), MqttNotificationTransportTest::standInDns));
        prefix = Mosquitto.uniquePrefix("notify");
        subscriber = new MqttAsyncClient("tcp://" + Mosquitto.HOST + ":" + Mosquitto.PORT, "city4d-test-sub-" + System.nanoTime(), new MemoryPersistence());
        subscriber.setCallback(inbox);
        subscriber.connect().waitForCompletion(5_000);
        subscriber.subscribe(new MqttSubscription(prefix + "#", 1)).waitForCompletion(5_000);
    }

    @AfterEach
    void stop() throws Exception {
        if (transport != null) transport.close();
        if (subscriber != null) {
            subscriber.disconnect().waitForCompletion(5_000);
            subscriber.close();
        }
    }

    /** Names only this test knows, for Mosquitto's loopback address. */
    private static InetAddress[] standInDns(String host) throws UnknownHostException {
        if (host.endsWith(".test")) return new InetAddress[] {InetAddress.getByName(Mosquitto.HOST)};
        return InetAddress.getAllByName(host);
    }

    private URI endpoint(String topic, String query) {
        return URI.create("mqtt://" + Mosquitto.HOST + ":" + Mosquitto.PORT + "/" + prefix + topic + (query == null ? "" : "?" + query));
    }

    @Test
    void publishesTheBodyWithItsContentTypeAndHeaders() throws Exception {
        assertThat(transport.schemes()).containsExactlyInAnyOrder("mqtt", "mqtts");
        byte[] body = "{\"type\":\"Notification\",\"data\":[]}".getBytes(UTF_8);

        transport.send(endpoint("alerts/air", null), "application/json", body, Map.of("Fiware-Service", "hanoi")).get(10, TimeUnit.SECONDS);

        MqttMessage message = received.poll(5, TimeUnit.SECONDS);
        assertThat(message).isNotNull();
        assertThat(new String(message.getPayload(), UTF_8)).isEqualTo(new String(body, UTF_8));
        assertThat(message.getQos()).isEqualTo(1);
        assertThat(message.getProperties().getContentType()).isEqualTo("application/json");
        assertThat(message.getProperties().getUserProperties()).anySatisfy(p -> {
            assertThat(p.getKey()).isEqualTo("Fiware-Service");
            assertThat(p.getValue()).isEqualTo("hanoi");
        });
    }

    @Test
    void reusesTheConnectionAndHonoursTheQosParameter() throws Exception {
        for (int i = 0; i < 3; i++) {
            transport.send(endpoint("n", "qos=0"), "text/plain", ("n" + i).getBytes(UTF_8), Map.of()).get(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 3; i++) {
            MqttMessage message = received.poll(5, TimeUnit.SECONDS);
            assertThat(message).isNotNull();
            assertThat(message.getQos()).isZero();
            assertThat(new String(message.getPayload(), UTF_8)).isEqualTo("n" + i);
        }
    }

    @Test
    void connectsToTheAddressThePolicyCheckedAndRefusesABrokerItDoesNotAllow() throws Exception {
        URI named = URI.create("mqtt://broker.test:" + Mosquitto.PORT + "/" + prefix + "named");
        transport.send(named, "text/plain", "by name".getBytes(UTF_8), Map.of()).get(10, TimeUnit.SECONDS);
        assertThat(received.poll(5, TimeUnit.SECONDS)).as("the stand-in name led to the address that was checked").isNotNull();

        try (MqttNotificationTransport guarded = new MqttNotificationTransport(new AddressPolicy(List.of(), MqttNotificationTransportTest::standInDns))) {
            for (String host : List.of("broker.test", Mosquitto.HOST, "169.254.169.254")) {
                URI refused = URI.create("mqtt://" + host + ":" + Mosquitto.PORT + "/" + prefix + "refused");
                assertThatThrownBy(() -> guarded.send(refused, "text/plain", "no".getBytes(UTF_8), Map.of()).get(10, TimeUnit.SECONDS))
                        .as(host).hasCauseInstanceOf(UndeliverableNotification.class).hasMessageContaining("not a public address");
            }
        }
        assertThat(received.poll(500, TimeUnit.MILLISECONDS)).as("nothing reached the broker").isNull();
    }

    @Test
    void failsWhenTheBrokerCannotBeReached() {
        URI nowhere = URI.create("mqtt://user:secret@127.0.0.1:1/city4d/nowhere");
        assertThatThrownBy(() -> transport.send(nowhere, "application/json", new byte[] {'{', '}'}, Map.of()).get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
    }

    @Test
    void refusesEndpointsWithoutAUsableTopic() {
        for (String uri : new String[] {"mqtt://127.0.0.1:1883/", "mqtt://127.0.0.1:1883/a/#", "mqtt://127.0.0.1/x?qos=3"}) {
            assertThatThrownBy(() -> transport.send(URI.create(uri), "text/plain", new byte[0], Map.of()).get(5, TimeUnit.SECONDS))
                    .as(uri).hasCauseInstanceOf(IllegalArgumentException.class);
        }
    }
}
