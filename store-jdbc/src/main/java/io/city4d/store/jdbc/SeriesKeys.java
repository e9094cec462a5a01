package io.city4d.store.jdbc;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The key of each history series (tenant, entity id, attribute, datasetId), so that history rows carry a number
 * instead of four strings. The writer caches the keys by entity: a change usually appends to several attributes of one
 * entity, whose keys one lookup finds. Only the writer thread uses it.
 */
final class SeriesKeys {
    private static final int CACHED_ENTITIES = 100_000;

    /** A series; {@code datasetId} is '' for the default instance. */
    record Series(String tenant, String entityId, String attribute, String datasetId) {
        /** The series' key among the entity's cached ones: the name alone for the default instance, the commonest. */
        String cacheKey() {
            // attribute names hold no control characters (EntityJson), so NUL cannot occur in one
            return datasetId.isEmpty() ? attribute : attribute + '\u0000' + datasetId;
        }
    }

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
            for (Object[] row : transaction.rows("SELECT attr, dataset_id, key FROM series WHERE tenant = ? AND entity_id = ?", 3, series.tenant(), series.entityId())) {
                keys.put(new Series(series.tenant(), series.entityId(), (String) row[0], (String) row[1]).cacheKey(), ((Number) row[2]).longValue());
            }
            cache.put(entity, keys);
        }
        String cacheKey = series.cacheKey();
        Long key = keys.get(cacheKey);
        if (key == null) {
            transaction.afterRollback(forgetOnRollback);
            key = transaction.returningLong("INSERT INTO series (tenant, entity_id, attr, dataset_id) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (tenant, entity_id, attr, dataset_id) DO UPDATE SET attr = excluded.attr RETURNING key",
                    series.tenant(), series.entityId(), series.attribute(), series.datasetId());
            keys.put(cacheKey, key);
        }
        return key;
    }
}
