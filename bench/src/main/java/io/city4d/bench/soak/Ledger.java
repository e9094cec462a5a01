package io.city4d.bench.soak;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The writes the server acknowledged, by entity: the highest sequence number acknowledged and how many were. An
 * acknowledged write is lost when the entity's stored value is below that number or its history holds fewer values.
 */
final class Ledger {
    record Acked(AtomicLong highest, LongAdder count) {}

    private final Map<String, Acked> byEntity = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    void acknowledged(String entityId, long sequence) {
        Acked acked = byEntity.computeIfAbsent(entityId, id -> new Acked(new AtomicLong(-1), new LongAdder()));
        acked.highest.accumulateAndGet(sequence, Math::max);
        acked.count.increment();
        total.increment();
    }

    Map<String, Acked> entities() {
        return byEntity;
    }

    long total() {
        return total.sum();
    }
}
