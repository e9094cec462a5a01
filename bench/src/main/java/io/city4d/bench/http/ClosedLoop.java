package io.city4d.bench.http;

import io.city4d.bench.Latencies;
import io.city4d.bench.Progress;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * A closed-loop load: a fixed number of keep-alive connections, each with one request in flight, share a bounded
 * sequence of requests until it is done or the time limit passes. Each connection runs on its own virtual thread.
 */
public final class ClosedLoop {
    private final Endpoint endpoint;
    private final int connections;

    public ClosedLoop(Endpoint endpoint, int connections) {
        this.endpoint = endpoint;
        this.connections = connections;
    }

    /** What a load achieved: completed requests, failures (non-2xx), elapsed time, and per-request latencies. */
    public record Result(int completed, int failed, long elapsedNanos, Latencies latencies, String firstFailure) {
        public double perSecond() {
            return completed / (elapsedNanos / 1e9);
        }
    }

    public Result run(String label, int total, Duration maxTime, IntFunction<byte[]> request) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Latencies latencies = new Latencies(total);
        long start = System.nanoTime();
        long deadline = start + maxTime.toNanos();
        List<Thread> workers = new ArrayList<>(connections);
        try (Progress ignored = Progress.track(label, completed::get, total)) {
            for (int c = 0; c < connections; c++) {
                workers.add(Thread.ofVirtual().name("bench-http-" + c).start(() -> {
                    try (HttpConnection connection = endpoint.connect()) {
                        for (int i = next.getAndIncrement(); i < total && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                            byte[] bytes = request.apply(i);
                            long sent = System.nanoTime();
                            HttpConnection.Response response = connection.exchange(bytes);
                            latencies.record(i, System.nanoTime() - sent);
                            if (succeeded(response.status())) {
                                completed.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                                firstFailure.compareAndSet(null, "HTTP " + response.status() + ": " + response.text());
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    }
                }));
            }
            for (Thread worker : workers) worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return new Result(completed.get(), failed.get(), System.nanoTime() - start, latencies, firstFailure.get());
    }

    /** 2xx, except 207: a batch with failed items is a failure here. */
    static boolean succeeded(int status) {
        return status / 100 == 2 && status != 207;
    }
}
