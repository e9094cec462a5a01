package io.city4d.store.jdbc;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key of each history series (tenant, entity id, attribute), so that history rows carry a number instead of
 * three strings. Keys the writer looked up are cached; a key created in a transaction enters the cache only once
 * that transaction committed, since a rollback takes the row away. Only the writer thread uses it.
 */
final class SeriesKeys {
    private static final int CACHED = 100_000;

    record Series(String tenant, String entityId, String attribute) {}

    private final Map<Series, Long> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Series, Long> eldest) {
            return size() > CACHED;
        }
    };

    /** The keys found or created in one transaction. */
    private final class Staged implements WriteTransaction.Attachment {
        final Map<Series, Long> keys = new HashMap<>();

        @Override
        public void beforeCommit(WriteTransaction transaction) {
            transaction.afterCommit(() -> cache.putAll(keys));
        }
    }

    long key(WriteTransaction transaction, Series series) throws SQLException {
        Long cached = cache.get(series);
        if (cached != null) return cached;
        Staged staged = transaction.attachment(Staged.class, Staged::new);
        Long key = staged.keys.get(series);
        if (key == null) {
            key = transaction.returningLong("INSERT INTO series (tenant, entity_id, attr) VALUES (?, ?, ?) "
                    + "ON CONFLICT (tenant, entity_id, attr) DO UPDATE SET attr = excluded.attr RETURNING key",
                    series.tenant(), series.entityId(), series.attribute());
            staged.keys.put(series, key);
        }
        return key;
    }
}
