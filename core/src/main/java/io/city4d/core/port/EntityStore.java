package io.city4d.core.port;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Attribute;
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

    /**
     * Deletes the history of an entity's attribute, or of all its attributes when {@code attribute} is null: of all
     * the attribute's instances when {@code allDatasets}, else of the one with the datasetId (null: the default one).
     * Returns whether there was any. The current state stays as it is.
     */
    boolean deleteHistory(String tenant, String entityId, String attribute, String datasetId, boolean allDatasets);

    /** One stored instance of an entity's attribute, by its instance id (as written); null when there is none. */
    JsonNode historyInstance(String tenant, String entityId, String attribute, long instanceId);

    /**
     * Replaces one stored instance of an entity's attribute, keeping its id, or deletes it when {@code replacement} is
     * null; false when there is no such instance. Aggregates follow.
     */
    boolean replaceHistoryInstance(String tenant, String entityId, String attribute, long instanceId, Attribute replacement);

    /** The tenants that have data; the default tenant is the empty string. */
    Set<String> tenants();

    /** Entity counts by type over all tenants, for the status page and metrics. */
    Map<String, Long> countByType(String tenant);

    @Override
    void close();

    record TypeSummary(String type, Set<String> attributes, long count) {}

    record AttributeSummary(String attribute, Set<String> types, long count) {}
}
