package io.city4d.protocol.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.core.model.Entity;
import io.city4d.core.model.Property;
import io.city4d.core.pipeline.ChangeListener;
import io.city4d.core.pipeline.Command;
import io.city4d.core.pipeline.Pipeline;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    /**
     * Why the burst once counted 1,998 of 2,000 readings whose PUBACKs had all come: a PUBACK is sent from a callback
     * of the write's future, which runs on the partition's writer thread as the future completes, and the writer
     * completed the futures before it counted the changes. Here a listener holds the writer after a first write, so
     * that a second write's callback is surely attached before the write completes; that callback must see it counted.
     */
    @Test
    void aWriteIsCountedBeforeItsCallerHearsOfIt() throws Exception {
        try (EndpointFixture fixture = new EndpointFixture(new Pipeline.Settings(1, 4, 4, 1_000))) {
            Pipeline pipeline = fixture.city.pipeline;
            CountDownLatch writerHeld = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ChangeListener holdTheWriter = changes -> {
                writerHeld.countDown();
                await(release);
            };
            pipeline.addListener(holdTheWriter);
            try {
                long before = pipeline.committedChanges();
                pipeline.submit("", create("urn:ngsi-ld:T:first"));
                assertThat(writerHeld.await(10, TimeUnit.SECONDS)).as("the writer took the first write").isTrue();

                CompletableFuture<Long> countSeenByTheCaller = pipeline.submit("", create("urn:ngsi-ld:T:second")).thenApply(o -> pipeline.committedChanges());
                release.countDown();
                assertThat(countSeenByTheCaller.get(10, TimeUnit.SECONDS) - before).isEqualTo(2);
            } finally {
                release.countDown();
                pipeline.removeListener(holdTheWriter);
            }
        }
    }

    private static Command create(String id) {
        return new Command.Create(Entity.of(id, List.of("https://uri.etsi.org/ngsi-ld/default-context/T"), Map.of(), null, null));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
