package io.city4d.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A local HTTP endpoint for subscription notifications. Each expected notification carries a sequence number as
 * its pm25 value; the receiver notes when each sequence number first arrived.
 */
final class NotificationReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final AtomicInteger received = new AtomicInteger();
    private volatile AtomicLongArray arrivals = new AtomicLongArray(0);
    private volatile long base;

    NotificationReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1_024);
        server.createContext("/notify", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
    }

    /** Starts expecting sequence numbers base to base+count-1. */
    void expect(long newBase, int count) {
        received.set(0);
        arrivals = new AtomicLongArray(count);
        base = newBase;
    }

    int received() {
        return received.get();
    }

    /** When the sequence number base+index arrived (System.nanoTime), or 0 if it has not. */
    long arrival(int index) {
        return arrivals.get(index);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        try (InputStream in = exchange.getRequestBody()) {
            JsonNode notification = JSON.readTree(in);
            AtomicLongArray current = arrivals;
            for (JsonNode entity : notification.path("data")) {
                long index = entity.path("pm25").path("value").asLong(-1) - base;
                if (index >= 0 && index < current.length() && current.compareAndSet((int) index, 0, now)) received.incrementAndGet();
            }
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
