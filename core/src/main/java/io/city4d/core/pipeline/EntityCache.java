package io.city4d.core.pipeline;

import io.city4d.core.model.Entity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A partition's least-recently-used map of current entity states by tenant and id. A key mapped to null records that
 * the entity does not exist. Only the partition's thread uses it.
 */
final class EntityCache {
    private final LinkedHashMap<String, Entity> entries;

    EntityCache(int capacity) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entity> eldest) {
                return size() > capacity;
            }
        };
    }

    static String key(String tenant, String id) {
        return tenant + '\u0000' + id;
    }

    boolean contains(String key) {
        return entries.containsKey(key);
    }

    /** The state of a key that {@link #contains} holds; null when the entity does not exist. */
    Entity get(String key) {
        return entries.get(key);
    }

    void put(String key, Entity entity) {
        entries.put(key, entity);
    }

    void remove(String key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    void clear() {
        entries.clear();
    }
}
