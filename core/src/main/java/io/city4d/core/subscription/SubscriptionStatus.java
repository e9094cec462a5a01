package io.city4d.core.subscription;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Delivery counters of one subscription, kept in memory and saved now and then. */
public final class SubscriptionStatus {
    private final AtomicLong timesSent = new AtomicLong();
    private final AtomicLong timesFailed = new AtomicLong();
    private volatile Instant lastNotification;
    private volatile Instant lastSuccess;
    private volatile Instant lastFailure;
    private volatile Instant lastAttempt;
    private volatile boolean dirty;

    public SubscriptionStatus() {}

    public SubscriptionStatus(long sent, long failed, Instant lastNotification, Instant lastSuccess, Instant lastFailure) {
        timesSent.set(sent);
        timesFailed.set(failed);
        this.lastNotification = lastNotification;
        this.lastSuccess = lastSuccess;
        this.lastFailure = lastFailure;
    }

    void attempted(Instant at) {
        lastAttempt = at;
    }

    void sent(Instant at) {
        timesSent.incrementAndGet();
        lastNotification = at;
        lastSuccess = at;
        dirty = true;
    }

    /** An attempt that failed and will be retried: the subscription shows it failed (clause 5.2.14), and counts the notification once, at the end. */
    void attemptFailed(Instant at) {
        lastNotification = at;
        lastFailure = at;
        dirty = true;
    }

    void failed(Instant at) {
        timesFailed.incrementAndGet();
        lastNotification = at;
        lastFailure = at;
        dirty = true;
    }

    public long timesSent() { return timesSent.get(); }

    public long timesFailed() { return timesFailed.get(); }

    public Instant lastNotification() { return lastNotification; }

    public Instant lastSuccess() { return lastSuccess; }

    public Instant lastFailure() { return lastFailure; }

    Instant lastAttempt() { return lastAttempt; }

    /** True once after each change, so a saver writes only what changed. */
    public boolean takeDirty() {
        boolean was = dirty;
        dirty = false;
        return was;
    }
}
