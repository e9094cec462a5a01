package io.city4d.bench.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop load: request i is due at start + i / rate, whatever happened to the earlier ones. A pacer hands due
 * requests to a pool of keep-alive connections; when all are busy, due requests wait in the queue.
 */
public final class OpenLoop {
    private final Endpoint endpoint;
    private final int connections;
    private final BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private volatile boolean pacing = true;

    public OpenLoop(Endpoint endpoint, int connections) {
        this.endpoint = endpoint;
        this.connections = connections;
    }

    /** Sends {@code total} requests at {@code rate} per second; fills {@code due} with each request's due time. */
    public ClosedLoop.Result run(int total, int rate, long maxNanos, long[] due, IntFunction<byte[]> request) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) workers.add(Thread.ofVirtual().start(() -> work(request)));
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        long deadline = start + maxNanos;
        for (int i = 0; i < total && System.nanoTime() < deadline; i++) {
            due[i] = start + i * period;
            long wait = due[i] - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            queue.add(i);
        }
        pacing = false;
        for (Thread w : workers) w.join();
        return new ClosedLoop.Result(completed.get(), failed.get(), System.nanoTime() - start, null, firstFailure.get());
    }

    public int completed() {
        return completed.get();
    }

    private void work(IntFunction<byte[]> request) {
        try (HttpConnection connection = endpoint.connect()) {
            while (pacing || !queue.isEmpty()) {
                Integer i = queue.poll(20, TimeUnit.MILLISECONDS);
                if (i == null) continue;
                HttpConnection.Response r = connection.exchange(request.apply(i));
                if (ClosedLoop.succeeded(r.status())) completed.incrementAndGet();
                else if (failed.incrementAndGet() == 1) firstFailure.set("HTTP " + r.status() + ": " + r.text());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, e.toString());
        }
    }
}
