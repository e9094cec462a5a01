package io.city4d.protocol.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Many QoS 1 readings over a few connections, each acknowledged once durable. It checks that all are acknowledged
 * and written, and logs the rate; the benchmark module measures it properly.
 */
class EndpointThroughputTest {
    private static final int CONNECTIONS = 4;
    private static final int PER_CONNECTION = 25_000;
    private static final int WINDOW = 900;

    @Test
    void manyQos1ReadingsAreAllAcknowledgedAndWritten() throws Exception {
        try (EndpointFixture fixture = new EndpointFixture()) {
            List<String> keys = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) keys.add(fixture.city.addDevice("", "load-" + c));
            long committedBefore = fixture.city.pipeline.committedChanges();
            ExecutorService threads = Executors.newFixedThreadPool(2 * CONNECTIONS);
            long start = System.nanoTime();
            List<Future<Integer>> acks = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) acks.add(threads.submit(publisher(fixture.port, "load-" + c, keys.get(c), threads)));
            int total = 0;
            for (Future<Integer> f : acks) total += f.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            threads.shutdown();

            LoggerFactory.getLogger(EndpointThroughputTest.class).info("{} QoS 1 readings acknowledged in {} s: {} readings/s",
                    total, String.format("%.2f", seconds), String.format("%.0f", total / seconds));
            assertThat(total).isEqualTo(CONNECTIONS * PER_CONNECTION);
            assertThat(fixture.city.pipeline.committedChanges() - committedBefore).isEqualTo(CONNECTIONS * PER_CONNECTION);
            assertThat(fixture.city.reading("", "load-0", "pm25")).isEqualTo(PER_CONNECTION);
        }
    }

    /** Publishes on one connection with at most WINDOW readings unacknowledged; returns the PUBACKs counted. */
    private static Callable<Integer> publisher(int port, String device, String key, ExecutorService threads) {
        return () -> {
            try (RawMqttClient client = new RawMqttClient(port)) {
                assertThat(client.connect(device, key)).isZero();
                Semaphore window = new Semaphore(WINDOW);
                Future<Integer> reader = threads.submit(() -> {
                    int n = 0;
                    while (n < PER_CONNECTION) {
                        if (client.read().type() == RawMqttClient.Packet.PUBACK) n++;
                        window.release();
                    }
                    return n;
                });
                String topic = "devices/" + device + "/attrs";
                for (int i = 1; i <= PER_CONNECTION; i++) {
                    if (!window.tryAcquire()) {
                        client.flush();
                        window.acquire();
                    }
                    client.publishQos1(topic, 1 + (i % 65_535), ("{\"pm25\": " + i + "}").getBytes(UTF_8));
                }
                client.flush();
                return reader.get();
            }
        };
    }
}
