package io.city4d.bench.soak;

import io.city4d.bench.http.HttpConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Asks /health every 100 ms on a keep-alive connection of its own, as a load balancer would, and keeps the slowest
 * answer and how many took longer than the bound. A refused or lost connection counts as an answer over the bound.
 */
final class HealthProbe implements AutoCloseable {
    static final long BOUND_NANOS = 100_000_000L;
    private static final byte[] REQUEST = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    final LongAdder asked = new LongAdder();
    final LongAdder overBound = new LongAdder();
    final AtomicLong slowestNanos = new AtomicLong();
    private final int port;
    private final Thread thread;
    private volatile boolean running = true;

    HealthProbe(int port) {
        this.port = port;
        this.thread = Thread.ofPlatform().daemon().name("soak-health").start(this::probe);
    }

    private void probe() {
        HttpConnection http = null;
        long next = System.nanoTime();
        while (running) {
            long started = System.nanoTime();
            boolean ok;
            try {
                if (http == null) http = new HttpConnection("127.0.0.1", port);
                ok = http.exchange(REQUEST).status() == 200;
            } catch (IOException e) {
                ok = false;
                if (http != null) http.close();
                http = null;
            }
            long took = System.nanoTime() - started;
            asked.increment();
            slowestNanos.accumulateAndGet(took, Math::max);
            if (!ok || took > BOUND_NANOS) overBound.increment();
            next += 100_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    break;
                }
            } else {
                next = System.nanoTime();
            }
        }
        if (http != null) http.close();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
