package io.city4d.protocol.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.city4d.core.device.Device;
import io.city4d.core.device.DeviceRegistry;
import io.city4d.core.device.DeviceTelemetry;
import io.city4d.core.model.Entity;
import io.city4d.core.pipeline.Pipeline;
import io.city4d.core.port.Change;
import io.city4d.core.port.EntityStore;
import io.city4d.core.query.*;
import io.city4d.core.security.*;
import io.city4d.store.sqlite.SqliteStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.*;
import java.util.concurrent.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchEndpointRateTest {
    @TempDir Path dir;

    static final class NullStore implements EntityStore {
        public void commit(List<Change> changes) {}
        public Map<String, Entity> findAll(String tenant, Collection<String> ids) { return Map.of(); }
        public QueryResult query(String tenant, EntityQuery query) { throw new UnsupportedOperationException(); }
        public List<TypeSummary> types(String tenant) { throw new UnsupportedOperationException(); }
        public List<AttributeSummary> attributes(String tenant) { throw new UnsupportedOperationException(); }
        public TemporalResult temporal(String tenant, TemporalQuery query) { throw new UnsupportedOperationException(); }
        public Set<String> tenants() { return Set.of(); }
        public Map<String, Long> countByType(String tenant) { return Map.of(); }
        public void close() {}
    }

    @Test
    void rate() throws Exception {
        try (SqliteStorage storage = new SqliteStorage(dir.resolve("x.db"));
             Pipeline pipeline = new Pipeline(new NullStore(), Clock.systemUTC(), Pipeline.Settings.defaults())) {
            DeviceRegistry registry = new DeviceRegistry(storage.documents());
            Authenticator auth = new Authenticator(new Credentials(storage.documents()), Clock.systemUTC());
            DeviceTelemetry telemetry = new DeviceTelemetry(registry, pipeline, Clock.systemUTC());
            MqttEndpoint endpoint = new MqttEndpoint(MqttEndpoint.Settings.defaults().withAddress("127.0.0.1", 0), auth, telemetry);
            int port = endpoint.start();
            int conns = Integer.getInteger("conns", 4), per = Integer.getInteger("per", 100_000);
            List<String> keys = new ArrayList<>();
            for (int c = 0; c < conns; c++) {
                registry.saveDevice(new Device("load-" + c, "", "urn:ngsi-ld:X:load-" + c, "air-quality"));
                keys.add(auth.issue("d", Role.DEVICE, "", "load-" + c).secret());
            }
            ExecutorService threads = Executors.newFixedThreadPool(2 * conns);
            jdk.jfr.Recording rec = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            rec.start();
            long start = System.nanoTime();
            List<Future<Integer>> fs = new ArrayList<>();
            for (int c = 0; c < conns; c++) {
                String device = "load-" + c, key = keys.get(c);
                fs.add(threads.submit(() -> {
                    try (RawMqttClient client = new RawMqttClient(port)) {
                        client.connect(device, key);
                        Semaphore window = new Semaphore(900);
                        Future<Integer> reader = threads.submit(() -> { int n = 0; while (n < per) { client.read(); n++; window.release(); } return n; });
                        String topic = "devices/" + device + "/attrs";
                        for (int i = 1; i <= per; i++) {
                            if (!window.tryAcquire()) { client.flush(); window.acquire(); }
                            client.publishQos1(topic, 1 + (i % 65_535), ("{\"pm25\": " + i + "}").getBytes(UTF_8));
                        }
                        client.flush();
                        return reader.get();
                    }
                }));
            }
            int total = 0;
            for (Future<Integer> f : fs) total += f.get();
            double s = (System.nanoTime() - start) / 1e9;
            System.out.println("ENDPOINT RATE (null store) " + (total / s) + " /s");
            rec.stop();
            rec.dump(Path.of("/tmp/mqtt-rec.jfr"));
            threads.shutdown();
            endpoint.close();
        }
    }
}
