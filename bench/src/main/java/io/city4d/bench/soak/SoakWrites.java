package io.city4d.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.city4d.bench.http.Endpoint;
import io.city4d.bench.http.HttpConnection;
import io.city4d.bench.mqtt.MqttPublisher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's writes, each acknowledged one noted in the ledger: PATCHes of one attribute at a pace, batch upserts as
 * fast as the server takes them, and MQTT QoS 1 readings. Each entity has one writer, whose sequence numbers rise, so
 * that its stored value must be at least the highest acknowledged.
 */
final class SoakWrites implements AutoCloseable {
    static final String SENSOR = "SoakSensor";
    static final String BATCHED = "SoakBatch";
    static final int BATCH = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    final Outcomes patches = new Outcomes("PATCH attribute");
    final Outcomes batches = new Outcomes("batch upsert");
    final Ledger ledger = new Ledger();
    final AtomicLong mqttAcknowledged = new AtomicLong();
    private final List<AutoCloseable> loads = new ArrayList<>();
    private final List<Thread> devices = new ArrayList<>();
    private volatile boolean running = true;

    static String sensor(int i) {
        return "urn:ngsi-ld:" + SENSOR + ":" + i;
    }

    static String batched(int connection, int k) {
        return "urn:ngsi-ld:" + BATCHED + ":" + connection + "-" + k;
    }

    static String device(int i) {
        return "soak-" + i;
    }

    static String deviceEntity(int i) {
        return "urn:ngsi-ld:AirQualityObserved:" + device(i);
    }

    SoakWrites(Endpoint endpoint, int sensors, int patchConnections, int patchesPerSecond, int batchConnections) {
        loads.add(new HttpLoad("patch", endpoint.port(), patchConnections, patchesPerSecond, patches, new Patches(endpoint, sensors, patchConnections)));
        loads.add(new HttpLoad("batch", endpoint.port(), batchConnections, 0, batches, new Batches(endpoint)));
    }

    /** One PATCH writer per connection, over the sensors {@code c, c + connections, ...}. */
    private final class Patches implements HttpLoad.Exchange {
        private final Endpoint endpoint;
        private final int sensors;
        private final int connections;
        private final long[] sequence;
        private final int[] sent;

        Patches(Endpoint endpoint, int sensors, int connections) {
            this.endpoint = endpoint;
            this.sensors = sensors;
            this.connections = connections;
            this.sequence = new long[connections];
            this.sent = new int[connections];
        }

        @Override
        public byte[] next(int c) {
            long seq = ++sequence[c];
            int owned = (sensors - c + connections - 1) / connections;
            sent[c] = c + (int) (seq % owned) * connections;
            return endpoint.requests().patch("/ngsi-ld/v1/entities/" + sensor(sent[c]) + "/attrs",
                    "{\"seq\":{\"type\":\"Property\",\"value\":" + seq + "}}");
        }

        @Override
        public void answered(int c, byte[] request, HttpConnection.Response response, boolean succeeded) {
            if (succeeded) ledger.acknowledged(sensor(sent[c]), sequence[c]);
        }
    }

    /** One batch writer per connection, upserting its own entities with a rising sequence number. */
    private final class Batches implements HttpLoad.Exchange {
        private final Endpoint endpoint;
        private final long[] round = new long[64];

        Batches(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public byte[] next(int c) {
            long seq = ++round[c];
            StringBuilder body = new StringBuilder(BATCH * 80).append('[');
            for (int k = 0; k < BATCH; k++) {
                if (k > 0) body.append(',');
                body.append("{\"id\":\"").append(batched(c, k)).append("\",\"type\":\"").append(BATCHED).append("\",\"seq\":{\"type\":\"Property\",\"value\":")
                        .append(seq).append("}}");
            }
            return endpoint.requests().post("/ngsi-ld/v1/entityOperations/upsert", body.append(']').toString());
        }

        @Override
        public void answered(int c, byte[] request, HttpConnection.Response response, boolean succeeded) {
            if (response.status() == 207) {
                try {
                    for (JsonNode id : JSON.readTree(response.body()).path("success")) ledger.acknowledged(id.asText(), round[c]);
                } catch (IOException e) {
                    batches.fail("a 207 that is not JSON: " + e.getMessage());
                }
            } else if (succeeded) {
                for (int k = 0; k < BATCH; k++) ledger.acknowledged(batched(c, k), round[c]);
            }
        }
    }

    /** A device publishing QoS 1 readings until the end, reconnecting when the server closes its connection. */
    void startDevice(int port, int i, String apiKey, long endNanos) {
        devices.add(Thread.ofVirtual().name("soak-device-" + i).start(() -> {
            long next = 0;
            while (running && System.nanoTime() < endNanos) {
                long base = next;
                try (MqttPublisher publisher = new MqttPublisher("127.0.0.1", port, "soak-" + i + "-" + base, device(i), apiKey)) {
                    try {
                        publisher.publish("devices/" + device(i) + "/attrs", Integer.MAX_VALUE, 32,
                                n -> ("{\"pm25\": " + (base + n) + "}").getBytes(StandardCharsets.UTF_8), endNanos);
                    } finally {
                        long acked = publisher.acknowledged();
                        for (long n = 0; n < acked; n++) ledger.acknowledged(deviceEntity(i), base + n);
                        mqttAcknowledged.addAndGet(acked);
                        // past whatever was sent but not acknowledged, which the server may still have written
                        next = base + acked + 32;
                    }
                } catch (IOException | InterruptedException e) {
                    if (e instanceof InterruptedException) return;
                }
            }
        }));
    }

    /** Stops at once: what is in flight is not acknowledged, so not in the ledger. */
    void stop() throws Exception {
        running = false;
        for (AutoCloseable load : loads) load.close();
        for (Thread device : devices) device.join(60_000);
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
