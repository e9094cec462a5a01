package io.city4d.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.query.EntityQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps summary_count(tenant, type, attr, n, multi_valued) up to date, the table that answers the types and attributes
 * summaries and some counts without reading entities. A row (type, "") counts the entities of a type, ("", attr) the
 * entities carrying an attribute, and (type, attr) the entities of a type that carry the attribute. On a row ("",
 * attr), multi_valued counts the entities whose attribute leaves more than one attr_index row (an array of distinct
 * elements): while it is zero, q terms on the attribute may merge (see {@link QTranslator}). The changes of a whole
 * group are summed in memory and written once before the commit; rows that reach zero are removed. The deltas of a
 * change are computed on the committing caller's thread, with the rest of its {@link EncodedChange}.
 */
final class SummaryCounts implements WriteTransaction.Attachment {
    private record Key(String tenant, String type, String attribute) {}

    /** What a change adds to one row's two counts. */
    record Delta(Key key, long entities, long multiValued) {}

    /** The sums of a transaction's deltas, by row: entities and multi-valued. */
    private final Map<Key, long[]> deltas = new HashMap<>();

    /** What a change from {@code before} to {@code after} (either may be null) adds to the counts. */
    static List<Delta> deltas(String tenant, Entity before, Entity after) {
        Set<String> multiBefore = multiValued(before);
        Set<String> multiAfter = multiValued(after);
        boolean sameNames = before != null && after != null && before.types().equals(after.types())
                && before.attributes().keySet().equals(after.attributes().keySet());
        if (sameNames && multiBefore.equals(multiAfter)) return List.of();
        Set<Key> removed = keys(tenant, before);
        Set<Key> added = keys(tenant, after);
        List<Delta> deltas = new ArrayList<>();
        for (Key key : removed) if (!added.contains(key)) deltas.add(new Delta(key, -1, 0));
        for (Key key : added) if (!removed.contains(key)) deltas.add(new Delta(key, 1, 0));
        for (String attribute : multiBefore) if (!multiAfter.contains(attribute)) deltas.add(new Delta(new Key(tenant, "", attribute), 0, -1));
        for (String attribute : multiAfter) if (!multiBefore.contains(attribute)) deltas.add(new Delta(new Key(tenant, "", attribute), 0, 1));
        return deltas;
    }

    /** Adds the deltas to the transaction's sums, written once before it commits. */
    static void add(WriteTransaction transaction, List<Delta> deltas) {
        if (deltas.isEmpty()) return;
        SummaryCounts counts = transaction.attachment(SummaryCounts.class, SummaryCounts::new);
        for (Delta delta : deltas) {
            long[] sums = counts.deltas.computeIfAbsent(delta.key, k -> new long[2]);
            sums[0] += delta.entities;
            sums[1] += delta.multiValued;
        }
    }

    private static Set<Key> keys(String tenant, Entity entity) {
        Set<Key> keys = new HashSet<>();
        if (entity == null) return keys;
        for (String type : entity.types()) {
            keys.add(new Key(tenant, type, ""));
            for (String attribute : entity.attributes().keySet()) keys.add(new Key(tenant, type, attribute));
        }
        for (String attribute : entity.attributes().keySet()) keys.add(new Key(tenant, "", attribute));
        return keys;
    }

    /** The entity's attributes that leave more than one attr_index row. */
    private static Set<String> multiValued(Entity entity) {
        if (entity == null) return Set.of();
        Set<String> attributes = null;
        for (Map.Entry<String, List<Attribute>> attribute : entity.attributes().entrySet()) {
            List<Attribute> instances = attribute.getValue();
            if (instances.size() == 1) {
                JsonNode value = IndexedValue.indexedJson(instances.get(0));
                if (!value.isArray() || value.size() < 2) continue;
            }
            if (IndexedValue.of(instances).size() < 2) continue;
            if (attributes == null) attributes = new HashSet<>();
            attributes.add(attribute.getKey());
        }
        return attributes == null ? Set.of() : attributes;
    }

    @Override
    public void beforeCommit(WriteTransaction transaction) throws SQLException {
        boolean anyDecrease = false;
        for (Map.Entry<Key, long[]> entry : deltas.entrySet()) {
            long entities = entry.getValue()[0];
            long multiValued = entry.getValue()[1];
            if (entities == 0 && multiValued == 0) continue;
            anyDecrease |= entities < 0;
            Key key = entry.getKey();
            transaction.batch("INSERT INTO summary_count (tenant, type, attr, n, multi_valued) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant, type, attr) "
                    + "DO UPDATE SET n = summary_count.n + excluded.n, multi_valued = summary_count.multi_valued + excluded.multi_valued",
                    key.tenant, key.type, key.attribute, entities, multiValued);
        }
        if (anyDecrease) transaction.update("DELETE FROM summary_count WHERE n <= 0");
    }

    /**
     * What the table says of some attributes: those that no entity of the tenant holds several indexed elements in,
     * and those that only entities of one of some types carry.
     */
    record Facts(Set<String> singleValued, Set<String> onlyOnTypes) {
        static final Facts NONE = new Facts(Set.of(), Set.of());
    }

    /** The facts of the attributes, for a query that selects entities of the types (null for any type). */
    static Facts facts(Connection connection, String tenant, Set<String> attributes, Set<String> types) throws SQLException {
        if (attributes.isEmpty()) return Facts.NONE;
        record Row(String type, String attribute, long n, long multiValued) {}
        SqlFragment ofTypes = types == null ? SqlFragment.of("type = ''") : SqlFragment.in("type", types).inside("(type = '' OR %s)");
        List<Row> rows = Jdbc.list(connection, SqlFragment.in("attr", attributes).inside("SELECT type, attr, n, multi_valued FROM summary_count WHERE tenant = ? AND %s", tenant)
                .then(" AND ").then(ofTypes), row -> new Row(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4)));
        Set<String> singleValued = new HashSet<>(attributes);
        Map<String, Long> carriers = new HashMap<>();
        for (Row row : rows) {
            if (!row.type.isEmpty()) continue;
            if (row.multiValued > 0) singleValued.remove(row.attribute);
            carriers.put(row.attribute, row.n);
        }
        Set<String> onlyOnTypes = new HashSet<>();
        for (Row row : rows) if (!row.type.isEmpty() && Long.valueOf(row.n).equals(carriers.get(row.attribute))) onlyOnTypes.add(row.attribute);
        return new Facts(singleValued, onlyOnTypes);
    }

    /**
     * The number of matching entities when the table holds it: for a query that selects by one type, one attribute or
     * both, and nothing else. Null for any other query.
     */
    static Long count(Connection connection, String tenant, EntityQuery query) throws SQLException {
        boolean typeOrAttributeOnly = query.ids() == null && query.idPattern() == null && query.q() == null && query.geo() == null && query.scopeQ() == null
                && (query.types() != null || query.attrs() != null);
        if (!typeOrAttributeOnly || !atMostOne(query.types()) || !atMostOne(query.attrs())) return null;
        String type = query.types() == null ? "" : query.types().iterator().next();
        String attribute = query.attrs() == null ? "" : query.attrs().iterator().next();
        List<Long> n = Jdbc.list(connection, SqlFragment.of("SELECT n FROM summary_count WHERE tenant = ? AND type = ? AND attr = ?", tenant, type, attribute),
                row -> row.getLong(1));
        return n.isEmpty() ? 0L : n.get(0);
    }

    private static boolean atMostOne(Set<String> names) {
        return names == null || names.size() == 1;
    }
}
