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
        try (RawMqttClient client = new RawMqttClient(fixture.port)) {
            assertThat(client.connect("raw-aq-1", key)).isZero();
            client.writePacket(0x80, new byte[] {0, 1, 0, 1, 'x', 0}); // SUBSCRIBE without its mandatory flag bits
            client.flush();
            assertThat(client.closedByServer()).isTrue();
        }
        assertServing();
    }

    @Test
    void oversizedPacketClosesTheConnection() throws Exception {
        try (RawMqttClient client = new RawMqttClient(fixture.port)) {
            assertThat(client.connect("raw-aq-1", key)).isZero();
            try {
                client.publishQos1("devices/raw-aq-1/attrs", 7, new byte[200 * 1024]);
                client.flush();
            } catch (SocketException e) {
                // The server closed the connection while the packet was still being sent.
            }
            assertThat(client.closedByServer()).isTrue();
        }
        assertServing();
    }

    @Test
    void qos2PublishClosesTheConnection() throws Exception {
        try (RawMqttClient client = new RawMqttClient(fixture.port)) {
            assertThat(client.connect("raw-aq-1", key)).isZero();
            client.writePacket(0x34, new byte[] {0, 1, 'x', 0, 9, '{', '}'});
            client.flush();
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
