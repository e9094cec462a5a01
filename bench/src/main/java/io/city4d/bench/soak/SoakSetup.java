package io.city4d.bench.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.city4d.bench.http.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/** What the soak needs before its load: sensors with places, devices with keys, subscriptions with a receiver. */
final class SoakSetup {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SoakSetup() {}

    static String longitude(int sensor) {
        return String.format(Locale.ROOT, "%.4f", 105.80 + (sensor % 100) * 0.001);
    }

    static String latitude(int sensor) {
        return String.format(Locale.ROOT, "%.4f", 21.00 + (sensor / 100) * 0.001);
    }

    static void sensors(Endpoint endpoint, int count) {
        for (int from = 0; from < count; from += 1_000) {
            StringBuilder body = new StringBuilder("[");
            for (int i = from; i < Math.min(count, from + 1_000); i++) {
                if (i > from) body.append(',');
                body.append("{\"id\":\"").append(SoakWrites.sensor(i)).append("\",\"type\":\"").append(SoakWrites.SENSOR)
                        .append("\",\"seq\":{\"type\":\"Property\",\"value\":0},\"location\":{\"type\":\"GeoProperty\",\"value\":{\"type\":\"Point\",")
                        .append("\"coordinates\":[").append(longitude(i)).append(',').append(latitude(i)).append("]}}}");
            }
            endpoint.call(endpoint.requests().post("/ngsi-ld/v1/entityOperations/upsert", body.append(']').toString()));
        }
    }

    /** Registers air-quality devices and returns their API keys. */
    static List<String> devices(Endpoint endpoint, int count) throws IOException {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = "{\"id\":\"" + SoakWrites.device(i) + "\",\"entityId\":\"" + SoakWrites.deviceEntity(i) + "\",\"profile\":\"air-quality\"}";
            keys.add(JSON.readTree(endpoint.call(endpoint.requests().post("/admin/v1/devices", body)).body()).get("apiKey").asText());
        }
        return keys;
    }

    /** Subscriptions to the batched entities and to the devices' readings, delivered to the receiver. */
    static void subscriptions(Endpoint endpoint, String receiver) {
        for (String type : List.of(SoakWrites.BATCHED, "AirQualityObserved")) {
            endpoint.call(endpoint.requests().post("/ngsi-ld/v1/subscriptions", "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"" + type + "\"}],"
                    + "\"notification\":{\"endpoint\":{\"uri\":\"" + receiver + "\"}}}"));
        }
    }

    /** A local endpoint for notifications that counts the entities they carry. */
    static final class Receiver implements AutoCloseable {
        final LongAdder notifications = new LongAdder();
        final LongAdder entities = new LongAdder();
        private final HttpServer server;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1_024);
            server.createContext("/notify", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    entities.add(JSON.readTree(in).path("data").size());
                    notifications.increment();
                } catch (IOException e) {
                    // a notification cut short: not counted
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
