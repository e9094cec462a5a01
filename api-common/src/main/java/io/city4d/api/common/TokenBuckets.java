package io.city4d.api.common;

import io.city4d.api.common.RateLimits.Limit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One token bucket per client, kept as the generic cell rate algorithm does: a single "theoretical arrival time" per
 * client, moved on by compare-and-set, so that taking a token needs no lock and allocates nothing. A bucket that has
 * filled up again carries no state and is dropped when the table is full; when it is still full, clients seen for the
 * first time share one bucket per limit, so memory stays bounded whatever the number of clients.
 */
final class TokenBuckets {
    private static final long SWEEP_EVERY_NANOS = 1_000_000_000L;

    private final ConcurrentHashMap<Object, AtomicLong> buckets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Limit, AtomicLong> overflow = new ConcurrentHashMap<>();
    private final int maxClients;
    private final LongSupplier nanos;
    private final long epoch;
    private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE / 2);

    TokenBuckets(int maxClients, LongSupplier nanoTime) {
        this.maxClients = maxClients;
        this.nanos = nanoTime;
        this.epoch = nanoTime.getAsLong();
    }

    /** Takes a token from the client's bucket: 0 when there was one, else how many nanoseconds until there is. */
    long take(Object client, Limit limit) {
        long now = nanos.getAsLong() - epoch;
        AtomicLong bucket = buckets.get(client);
        if (bucket == null) bucket = admit(client, limit, now);
        long interval = (long) (1e9 / limit.perSecond());
        long tolerance = interval * (limit.burst() - 1L);
        while (true) {
            long arrival = bucket.get();
            long start = Math.max(arrival, now);
            if (start - now > tolerance) return start - now - tolerance;
            if (bucket.compareAndSet(arrival, start + interval)) return 0;
        }
    }

    /** How many clients have a bucket of their own. */
    int clients() {
        return buckets.size();
    }

    private AtomicLong admit(Object client, Limit limit, long now) {
        if (buckets.size() >= maxClients) {
            sweep(now);
            if (buckets.size() >= maxClients) return overflow.computeIfAbsent(limit, l -> new AtomicLong());
        }
        return buckets.computeIfAbsent(client, c -> new AtomicLong());
    }

    /** Drops the buckets that are full again (their time has passed): starting afresh is the same for them. */
    private void sweep(long now) {
        long last = lastSweep.get();
        if (now - last < SWEEP_EVERY_NANOS || !lastSweep.compareAndSet(last, now)) return;
        buckets.values().removeIf(bucket -> bucket.get() <= now);
    }
}
