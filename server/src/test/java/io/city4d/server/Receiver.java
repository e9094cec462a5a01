package io.city4d.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP endpoint on a free loopback port that records the notifications POSTed to it. */
final class Receiver implements AutoCloseable {
    private final HttpServer http;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger status = new AtomicInteger(204);

    record Received(Headers headers, JsonNode body) {
        String header(String name) { return headers.getFirst(name); }
    }

    Receiver() {
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int answer = status.get();
            if (answer / 100 == 2) received.add(new Received(exchange.getRequestHeaders(), Api.parse(new String(body, StandardCharsets.UTF_8))));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        http.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    /** Makes the endpoint answer with this status from now on (non-2xx notifications are not recorded). */
    void answer(int code) {
        status.set(code);
    }

    Received take() {
        return poll(10_000);
    }

    Received poll(long millis) {
        try {
            return received.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void clear() {
        received.clear();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
