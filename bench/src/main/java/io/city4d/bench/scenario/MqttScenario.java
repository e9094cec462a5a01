package io.city4d.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.city4d.bench.Progress;
import io.city4d.bench.http.Endpoint;
import io.city4d.bench.mqtt.MqttPublisher;
import io.city4d.bench.report.Metric;
import io.city4d.bench.report.Sample;
import io.city4d.bench.server.BenchServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * QoS 1 readings to the built-in MQTT endpoint: one connection per registered device (username the device id,
 * password its API key), each keeping a window of unacknowledged PUBLISH packets. A PUBACK means the reading is durable.
 */
final class MqttScenario extends ServerScenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Metric rate = Metric.of("QoS 1 messages acknowledged", "/s").goal(Peers.MQTT_QOS1).peers(Peers.THINGSBOARD);
    private final List<String> apiKeys = new ArrayList<>();

    @Override
    public String name() { return "mqtt-qos1"; }

    @Override
    public String description() { return "MQTT QoS 1 single readings to devices/{id}/attrs over N connections with a window -> msgs/s"; }

    static String deviceId(int i) {
        return "bench-dev-" + i;
    }

    @Override
    void prepare(BenchServer server, Sizes sizes) throws Exception {
        apiKeys.clear();
        Endpoint endpoint = server.endpoint();
        for (int i = 0; i < sizes.mqttConnections(); i++) {
            String body = "{\"id\":\"" + deviceId(i) + "\",\"entityId\":\"urn:ngsi-ld:AirQualityObserved:" + deviceId(i) + "\",\"profile\":\"air-quality\"}";
            JsonNode device = JSON.readTree(endpoint.call(endpoint.requests().post("/admin/v1/devices", body)).body());
            apiKeys.add(device.get("apiKey").asText());
        }
        publish(server, sizes, Math.min(sizes.mqttMessages(), 20_000), "warm-up");
    }

    @Override
    List<Sample> measureOnce(BenchServer server, Sizes sizes, int run) throws Exception {
        return List.of(new Sample(rate, publish(server, sizes, sizes.mqttMessages(), "run " + run)));
    }

    /** Sends the messages over all connections at once and returns acknowledged messages per second. */
    private double publish(BenchServer server, Sizes sizes, int total, String label) throws Exception {
        int connections = sizes.mqttConnections();
        int perConnection = total / connections;
        List<MqttPublisher> publishers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            publishers.add(new MqttPublisher(BenchServer.HOST, server.mqttPort(), "bench-" + label.replace(' ', '-') + "-" + i, deviceId(i), apiKeys.get(i)));
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = start + sizes.maxSeconds() * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        try (Progress ignored = Progress.track(name() + " " + label, () -> publishers.stream().mapToLong(MqttPublisher::acknowledged).sum(),
                (long) perConnection * connections)) {
            for (int i = 0; i < connections; i++) {
                MqttPublisher publisher = publishers.get(i);
                String topic = "devices/" + deviceId(i) + "/attrs";
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        publisher.publish(topic, perConnection, sizes.mqttWindow(),
                                n -> ("{\"pm25\": " + (n % 500) + ".5}").getBytes(StandardCharsets.UTF_8), deadline);
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread t : threads) t.join();
        } finally {
            publishers.forEach(MqttPublisher::close);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long acknowledged = publishers.stream().mapToLong(MqttPublisher::acknowledged).sum();
        if (failure.get() != null) throw failure.get();
        if (acknowledged < (long) perConnection * connections) {
            throw new IllegalStateException(name() + ": only " + acknowledged + " of " + (long) perConnection * connections + " messages acknowledged in time");
        }
        return acknowledged / seconds;
    }
}
