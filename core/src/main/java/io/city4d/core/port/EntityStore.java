package io.city4d.core.port;

import io.city4d.core.model.Entity;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.QueryResult;
import io.city4d.core.query.TemporalQuery;
import io.city4d.core.query.TemporalResult;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The twin's storage: current state, history and the indexes that answer queries. Implementations must answer
 * filtered queries from indexes, never by scanning everything.
 */
public interface EntityStore extends AutoCloseable {

    /** Writes the changes atomically; when it returns they survive a crash of the process (kill -9). */
    void commit(List<Change> changes);

    /** The current state of the given entities of a tenant, by id; absent ids are left out. */
    Map<String, Entity> findAll(String tenant, Collection<String> ids);

    default Entity find(String tenant, String id) {
        return findAll(tenant, List.of(id)).get(id);
    }

    QueryResult query(String tenant, EntityQuery query);

    /** Entity types with their attribute names and entity counts. */
    List<TypeSummary> types(String tenant);

    /** Attribute names with the entity types that carry them and the count of entities. */
    List<AttributeSummary> attributes(String tenant);

    TemporalResult temporal(String tenant, TemporalQuery query);

    /** The tenants that have data; the default tenant is the empty string. */
    Set<String> tenants();

    /** Entity counts by type over all tenants, for the status page and metrics. */
    Map<String, Long> countByType(String tenant);

    @Override
    void close();

    record TypeSummary(String type, Set<String> attributes, long count) {}

    record AttributeSummary(String attribute, Set<String> types, long count) {}
}
