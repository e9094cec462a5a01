package io.city4d.simulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The counters of one driver run, updated by many sending threads at once. */
final class DriverStats {
    private final long startNanos = System.nanoTime();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong backoffs = new AtomicLong();
    private volatile String lastFailure;

    void sent() { sent.incrementAndGet(); }

    void acknowledged() { acknowledged.incrementAndGet(); }

    void backoff() { backoffs.incrementAndGet(); }

    void failed(String reason) {
        lastFailure = reason;
        failed.incrementAndGet();
    }

    DriverProgress snapshot() {
        return new DriverProgress(sent.get(), acknowledged.get(), failed.get(), backoffs.get(),
                Duration.ofNanos(System.nanoTime() - startNanos), lastFailure);
    }
}
