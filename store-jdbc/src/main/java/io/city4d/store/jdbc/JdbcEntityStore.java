package io.city4d.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.port.Change;
import io.city4d.core.port.EntityStore;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.QueryResult;
import io.city4d.core.query.TemporalQuery;
import io.city4d.core.query.TemporalResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The entity store over SQL: writes are encoded on the committing thread, then go through the group-commit writer;
 * reads go through the pool.
 */
final class JdbcEntityStore implements EntityStore {
    private static final int IDS_PER_STATEMENT = 500;

    private final ReadConnections readers;
    private final GroupCommitWriter writer;
    private final ChangeWriter changeWriter;
    private final EntityQueryExecutor queries;
    private final TemporalExecutor temporal;
    private final HistoryEdits historyEdits;
    private final HistoryRollups rollups;
    private final int snapshotIsolation;
    private final SqlDialect dialect;
    private final StatisticsRefresh statistics;

    JdbcEntityStore(ReadConnections readers, GroupCommitWriter writer, HistoryRollups rollups, SqlDialect dialect, String name) {
        this.readers = readers;
        this.writer = writer;
        this.rollups = rollups;
        this.dialect = dialect;
        this.changeWriter = new ChangeWriter(dialect);
        this.queries = new EntityQueryExecutor(dialect);
        this.temporal = new TemporalExecutor(queries, dialect.historyOrder());
        this.historyEdits = new HistoryEdits(dialect.historyOrder());
        this.snapshotIsolation = dialect.snapshotIsolation();
        this.statistics = new StatisticsRefresh(name, this::refreshStatistics);
    }

    /** Lets the query planner know how the data is spread, so that it starts from the narrowest index. */
    void refreshStatistics() {
        List<String> statements = dialect.statisticsRefresh();
        if (statements.isEmpty()) return;
        if (dialect.refreshesStatisticsInWriter()) {
            writer.execute(transaction -> {
                for (String sql : statements) transaction.execute(sql);
                return null;
            });
        } else {
            readers.read(connection -> {
                try (var statement = connection.createStatement()) {
                    for (String sql : statements) statement.execute(sql);
                }
                return null;
            });
        }
    }

    @Override
    public void commit(List<Change> changes) {
        if (changes.isEmpty()) return;
        List<EncodedChange> encoded = new ArrayList<>(changes.size());
        for (Change change : ChainedChanges.fold(changes)) encoded.add(EncodedChange.of(change));
        writer.execute(transaction -> {
            for (EncodedChange change : encoded) changeWriter.write(transaction, change);
            return null;
        });
        if (changes.stream().anyMatch(change -> !change.history().isEmpty())) rollups.appended();
        statistics.committed(changes.size());
    }

    @Override
    public Map<String, Entity> findAll(String tenant, Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        return readers.read(connection -> {
            Map<String, Entity> found = new LinkedHashMap<>();
            for (int i = 0; i < all.size(); i += IDS_PER_STATEMENT) {
                SqlFragment query = SqlFragment.in("id", all.subList(i, Math.min(all.size(), i + IDS_PER_STATEMENT)))
                        .inside("SELECT body FROM entity WHERE tenant = ? AND %s", tenant);
                for (Entity entity : Jdbc.list(connection, query, row -> EntityCodec.read(row.getString(1)))) found.put(entity.id(), entity);
            }
            return found;
        });
    }

    @Override
    public QueryResult query(String tenant, EntityQuery query) {
        return readers.readSnapshot(snapshotIsolation, connection -> queries.query(connection, tenant, query));
    }

    @Override
    public TemporalResult temporal(String tenant, TemporalQuery query) {
        return readers.readSnapshot(snapshotIsolation, connection -> temporal.query(connection, tenant, query, true));
    }

    /** The answer from raw history alone, without rollups: the reference the rollups must agree with. */
    TemporalResult temporalFromHistory(String tenant, TemporalQuery query) {
        return readers.readSnapshot(snapshotIsolation, connection -> temporal.query(connection, tenant, query, false));
    }

    @Override
    public boolean deleteHistory(String tenant, String entityId, String attribute, String datasetId, boolean allDatasets) {
        return writer.execute(transaction -> historyEdits.deleteSeries(transaction, tenant, entityId, attribute, datasetId, allDatasets));
    }

    @Override
    public JsonNode historyInstance(String tenant, String entityId, String attribute, long instanceId) {
        List<JsonNode> found = readers.read(connection -> Jdbc.list(connection, SqlFragment.of("SELECT h.body FROM history h JOIN series s ON s.key = h.series_key "
                + "WHERE h.id = ? AND s.tenant = ? AND s.entity_id = ? AND s.attr = ?", instanceId, tenant, entityId, attribute), row -> EntityCodec.parse(row.getString(1))));
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public boolean replaceHistoryInstance(String tenant, String entityId, String attribute, long instanceId, Attribute replacement) {
        return writer.execute(transaction -> historyEdits.replaceInstance(transaction, tenant, entityId, attribute, instanceId, replacement));
    }

    private record Count(String type, String attribute, long n) {}

    private List<Count> counts(String tenant) {
        return readers.read(connection -> Jdbc.list(connection, SqlFragment.of("SELECT type, attr, n FROM summary_count WHERE tenant = ?", tenant),
                row -> new Count(row.getString(1), row.getString(2), row.getLong(3))));
    }

    @Override
    public List<TypeSummary> types(String tenant) {
        Map<String, Long> entities = new TreeMap<>();
        Map<String, Set<String>> attributes = new TreeMap<>();
        for (Count count : counts(tenant)) {
            if (count.type.isEmpty()) continue;
            if (count.attribute.isEmpty()) entities.put(count.type, count.n);
            else attributes.computeIfAbsent(count.type, t -> new TreeSet<>()).add(count.attribute);
        }
        return entities.entrySet().stream()
                .map(e -> new TypeSummary(e.getKey(), attributes.getOrDefault(e.getKey(), Set.of()), e.getValue())).toList();
    }

    @Override
    public List<AttributeSummary> attributes(String tenant) {
        Map<String, Long> entities = new TreeMap<>();
        Map<String, Set<String>> types = new TreeMap<>();
        for (Count count : counts(tenant)) {
            if (count.attribute.isEmpty()) continue;
            if (count.type.isEmpty()) entities.put(count.attribute, count.n);
            else types.computeIfAbsent(count.attribute, a -> new TreeSet<>()).add(count.type);
        }
        return entities.entrySet().stream()
                .map(e -> new AttributeSummary(e.getKey(), types.getOrDefault(e.getKey(), Set.of()), e.getValue())).toList();
    }

    @Override
    public Map<String, Long> countByType(String tenant) {
        Map<String, Long> counts = new TreeMap<>();
        for (TypeSummary type : types(tenant)) counts.put(type.type(), type.count());
        return counts;
    }

    @Override
    public Set<String> tenants() {
        return readers.read(connection -> new TreeSet<>(Jdbc.list(connection, SqlFragment.of("SELECT DISTINCT tenant FROM summary_count"),
                row -> row.getString(1))));
    }

    /**
     * The store's connections and writer belong to its {@link JdbcStorage}, which closes them first; what is left to
     * give back is the memory of its caches.
     */
    @Override
    public void close() {
        statistics.close();
        changeWriter.forgetCaches();
    }
}
