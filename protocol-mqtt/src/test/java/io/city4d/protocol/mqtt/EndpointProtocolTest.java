package io.city4d.protocol.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Broken and hostile clients lose their connection; the endpoint goes on serving the others. */
class EndpointProtocolTest extends EndpointTestBase {
    String key;

    @BeforeAll
    void registerDevice() {
        key = fixture.city.addDevice("", "raw-aq-1");
    }

    @Test
    void garbageBeforeConnectClosesTheConnection() throws Exception {
        try (RawMqttClient client = new RawMqttClient(fixture.port)) {
            client.writeRaw(new byte[] {(byte) 0xF7, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2, 3});
            client.flush();
            assertThat(client.closedByServer()).isTrue();
        }
        assertServing();
    }

    @Test
    void publishBeforeConnectClosesTheConnection() throws Exception {
        fixture.city.addDevice("", "raw-unconnected");
        try (RawMqttClient client = new RawMqttClient(fixture.port)) {
            client.publishQos1("devices/raw-unconnected/attrs", 1, "{\"pm25\": 1}".getBytes(UTF_8));
            client.flush();
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(fixture.city.entity("", "raw-unconnected")).isNull();
        assertServing();
    }

    @Test
    void malformedPacketAfterConnectClosesTheConnection() throws Exception {
        assertConnectionClosedAfter(0x80, new byte[] {0, 1, 0, 1, 'x', 0}); // SUBSCRIBE without its mandatory flag bits
    }

    @Test
    void qos2PublishClosesTheConnection() throws Exception {
        assertConnectionClosedAfter(0x34, new byte[] {0, 1, 'x', 0, 9, '{', '}'});
    }

    @Test
    void oversizedPacketClosesTheConnection() throws Exception {
        byte[] body = new byte[200 * 1024];
        body[1] = 1; // topic "x" and then a payload far over the limit
        body[2] = 'x';
        assertConnectionClosedAfter(0x32, body);
    }

    @Test
    void publishToAnEmptyTopicClosesTheConnection() throws Exception {
        assertConnectionClosedAfter(0x32, new byte[] {0, 0, 0, 7, '{', '}'}); // topic length 0, packet id 7
    }

    @Test
    void strayPubAckClosesTheConnection() throws Exception {
        assertConnectionClosedAfter(0x40, new byte[] {0, 9}); // the endpoint never sent a QoS 1 message with id 9
    }

    /** MQTT 3.1.1 cannot say why: the reading is acknowledged and dropped, and the connection stays open. */
    @Test
    void aReadingTheStoreRefusesIsAcknowledgedOverMqtt311AndTheConnectionStays() throws Exception {
        String device = "raw-refused";
        String deviceKey = fixture.city.addDevice("", device);
        fixture.city.writeEntityBehindThePipeline("", device);
        try (RawMqttClient client = new RawMqttClient(fixture.port)) {
            assertThat(client.connect(device, deviceKey)).isZero();
            client.publishQos1("devices/" + device + "/attrs", 5, "{\"pm10\": 5}".getBytes(UTF_8));
            client.flush();
            assertThat(client.read()).satisfies(ack -> assertThat(ack.type()).isEqualTo(RawMqttClient.Packet.PUBACK));
            assertThat(fixture.city.reading("", device, "pm10")).isNull();
            client.publishQos1("devices/" + device + "/attrs", 6, "{\"pm10\": 6}".getBytes(UTF_8));
            client.flush();
            assertThat(client.read().packetId()).isEqualTo(6);
        }
        assertThat(fixture.city.reading("", device, "pm10")).isEqualTo(6.0);
    }

    /** Connects, sends one packet and expects the server to close the connection, and then to serve on. */
    private void assertConnectionClosedAfter(int firstByte, byte[] body) throws Exception {
        try (RawMqttClient client = new RawMqttClient(fixture.port)) {
            assertThat(client.connect("raw-aq-1", key)).isZero();
            try {
                client.writePacket(firstByte, body);
                client.flush();
            } catch (SocketException e) {
                // The server closed the connection while a large packet was still being sent.
            }
            assertThat(client.closedByServer()).isTrue();
        }
        assertServing();
    }

    @Test
    void silentClientIsClosedAfterOneAndAHalfKeepAlivePeriods() throws Exception {
        try (RawMqttClient client = new RawMqttClient(fixture.port)) {
            assertThat(client.connect("raw-aq-1", key, 1)).isZero();
            long start = System.nanoTime();
            assertThat(client.closedByServer()).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1_000L, 5_000L);
        }
    }

    @Test
    void pingKeepsTheConnectionOpen() throws Exception {
        try (RawMqttClient client = new RawMqttClient(fixture.port)) {
            assertThat(client.connect("raw-aq-1", key, 1)).isZero();
            for (int i = 0; i < 4; i++) {
                Thread.sleep(500);
                client.writePacket(0xC0, new byte[0]);
                client.flush();
                assertThat(client.read().type()).isEqualTo(RawMqttClient.Packet.PINGRESP);
            }
        }
    }

    @Test
    void unknownApiKeyGetsReturnCode4() throws Exception {
        try (RawMqttClient client = new RawMqttClient(fixture.port)) {
            assertThat(client.connect("raw-aq-1", "not-a-key")).isEqualTo(4);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    private void assertServing() throws Exception {
        try (RawMqttClient client = new RawMqttClient(fixture.port)) {
            assertThat(client.connect("raw-aq-1", key)).isZero();
            client.publishQos1("devices/raw-aq-1/attrs", 42, "{\"pm10\": 42}".getBytes(UTF_8));
            client.flush();
            RawMqttClient.Packet ack = client.read();
            assertThat(ack.type()).isEqualTo(RawMqttClient.Packet.PUBACK);
            assertThat(ack.packetId()).isEqualTo(42);
        }
        assertThat(fixture.city.reading("", "raw-aq-1", "pm10")).isEqualTo(42.0);
    }
}
