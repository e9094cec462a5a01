package io.city4d.store.jdbc;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The key of each history series (tenant, entity id, attribute), so that history rows carry a number instead of
 * three strings. The writer caches the keys by entity: a change usually appends to several attributes of one
 * entity, whose keys one lookup finds. Only the writer thread uses it.
 */
final class SeriesKeys {
    private static final int CACHED_ENTITIES = 100_000;

    record Series(String tenant, String entityId, String attribute) {}

    private record EntityName(String tenant, String entityId) {}

    /** Emptied when full (cheaper on this hot path than keeping recency order), and on a rollback. */
    private final Map<EntityName, Map<String, Long>> cache = new HashMap<>();
    /** The cache may hold keys created by the transaction, which a rollback takes away. */
    private final Runnable forgetOnRollback = this::forget;

    /** Called by the writer's thread, or once it has stopped. */
    void forget() {
        cache.clear();
    }

    long key(WriteTransaction transaction, Series series) throws SQLException {
        EntityName entity = new EntityName(series.tenant(), series.entityId());
        Map<String, Long> keys = cache.get(entity);
        if (keys == null) {
            if (cache.size() >= CACHED_ENTITIES) cache.clear();
            keys = new HashMap<>();
            for (Object[] row : transaction.rows("SELECT attr, key FROM series WHERE tenant = ? AND entity_id = ?", 2, series.tenant(), series.entityId())) {
                keys.put((String) row[0], ((Number) row[1]).longValue());
            }
            cache.put(entity, keys);
        }
        Long key = keys.get(series.attribute());
        if (key == null) {
            transaction.afterRollback(forgetOnRollback);
            key = transaction.returningLong("INSERT INTO series (tenant, entity_id, attr) VALUES (?, ?, ?) "
                    + "ON CONFLICT (tenant, entity_id, attr) DO UPDATE SET attr = excluded.attr RETURNING key",
                    series.tenant(), series.entityId(), series.attribute());
            keys.put(series.attribute(), key);
        }
        return key;
    }
}
