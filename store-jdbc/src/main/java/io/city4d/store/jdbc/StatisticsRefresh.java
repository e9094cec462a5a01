package io.city4d.store.jdbc;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the query planner's statistics in step with what the store writes, whatever the database does itself
 * (PostgreSQL's autovacuum may be off, or not have reached a bulk load yet). It counts the changes committed, and on
 * its own thread refreshes the statistics once a tenth as many changes as were ever written have come (at least
 * {@link #FEW}), as PostgreSQL's autovacuum would, or once writing has paused with at least that few pending: a
 * bulk load is planned from fresh statistics soon after it ends.
 */
final class StatisticsRefresh implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsRefresh.class);
    static final long FEW = 1_000;
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Runnable refresh;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private volatile long lastWrite = System.nanoTime();
    private final ScheduledExecutorService thread;

    /** @param refresh refreshes the statistics; it runs on the refresher's own thread, never on a writer's */
    StatisticsRefresh(String name, Runnable refresh) {
        this.refresh = refresh;
        // once soon after opening too: the database may never have analysed what an earlier process wrote
        this.pending.set(FEW);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("city4d-statistics-" + name).unstarted(r));
        thread.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    /** Counts committed changes; cheap enough for every commit. */
    void committed(int changes) {
        pending.addAndGet(changes);
        written.addAndGet(changes);
        lastWrite = System.nanoTime();
    }

    private void check() {
        long waiting = pending.get();
        boolean many = waiting >= Math.max(FEW, written.get() / 10);
        boolean paused = waiting >= FEW && System.nanoTime() - lastWrite > QUIET_NANOS;
        if (!many && !paused) return;
        pending.addAndGet(-waiting);
        try {
            refresh.run();
        } catch (RuntimeException e) {
            LOG.warn("refreshing the planner's statistics failed; queries may be planned from stale ones", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
