package io.city4d.protocol.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.core.model.Entity;
import io.city4d.core.model.Property;
import io.city4d.core.pipeline.Pipeline;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** A pipeline that holds only four commands takes a burst without losing or wrongly acknowledging a reading. */
class EndpointBackpressureTest {
    private static final int BURST = 2_000;
    private static final int KEYS = 100;

    @Test
    void burstIntoATinyPipelineIsAllStoredAndAcknowledged() throws Exception {
        Pipeline.Settings tiny = new Pipeline.Settings(1, 4, 4, 1_000);
        try (EndpointFixture fixture = new EndpointFixture(tiny)) {
            String key = fixture.city.addDevice("", "burst-1");
            long committedBefore = fixture.city.pipeline.committedChanges();
            try (RawMqttClient client = new RawMqttClient(fixture.port)) {
                assertThat(client.connect("burst-1", key)).isZero();
                for (int i = 1; i <= BURST; i++) {
                    client.publishQos1("devices/burst-1/attrs", i, ("{\"k" + (i % KEYS) + "\": " + i + "}").getBytes(UTF_8));
                }
                client.flush();

                BitSet acked = new BitSet();
                for (int i = 0; i < BURST; i++) {
                    RawMqttClient.Packet packet = client.read();
                    assertThat(packet.type()).isEqualTo(RawMqttClient.Packet.PUBACK);
                    assertThat(acked.get(packet.packetId())).as("packet %d acknowledged twice", packet.packetId()).isFalse();
                    acked.set(packet.packetId());
                }
                assertThat(acked.cardinality()).isEqualTo(BURST);
            }

            assertThat(fixture.endpoint.messagesDeferred()).as("the pipeline pushed back").isPositive();
            assertThat(fixture.endpoint.messagesAcked()).isEqualTo(BURST);
            assertThat(fixture.city.pipeline.committedChanges() - committedBefore).as("every reading was written").isEqualTo(BURST);
            // Readings were written in the order sent: each key holds the last value sent for it.
            Entity entity = fixture.city.entity("", "burst-1");
            for (int k = 0; k < KEYS; k++) {
                int last = BURST - ((BURST - k) % KEYS);
                assertThat(((Property) entity.attribute(TestCity.attribute("k" + k))).numericValue()).isEqualTo(last);
            }
            // And the server still serves.
            try (RawMqttClient client = new RawMqttClient(fixture.port)) {
                assertThat(client.connect("burst-1", key)).isZero();
            }
        }
    }
}
