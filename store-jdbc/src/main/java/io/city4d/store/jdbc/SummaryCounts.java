package io.city4d.store.jdbc;

import io.city4d.core.model.Entity;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps summary_count(tenant, type, attr, n) up to date, the table that answers the types and attributes
 * summaries without reading entities. A row (type, "") counts the entities of a type, ("", attr) the entities
 * carrying an attribute, and (type, attr) the entities of a type that carry the attribute. The changes of a whole
 * group are summed in memory and written once before the commit; rows that reach zero are removed.
 */
final class SummaryCounts implements WriteTransaction.Attachment {
    private record Key(String tenant, String type, String attribute) {}

    private final Map<Key, Long> deltas = new HashMap<>();

    /** Counts a change from {@code before} to {@code after} (either may be null) in the transaction. */
    static void record(WriteTransaction transaction, String tenant, Entity before, Entity after) {
        Set<Key> removed = keys(tenant, before);
        Set<Key> added = keys(tenant, after);
        if (removed.equals(added)) return;
        SummaryCounts counts = transaction.attachment(SummaryCounts.class, SummaryCounts::new);
        for (Key key : removed) if (!added.contains(key)) counts.deltas.merge(key, -1L, Long::sum);
        for (Key key : added) if (!removed.contains(key)) counts.deltas.merge(key, 1L, Long::sum);
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

    @Override
    public void beforeCommit(WriteTransaction transaction) throws SQLException {
        boolean anyDecrease = false;
        for (Map.Entry<Key, Long> delta : deltas.entrySet()) {
            if (delta.getValue() == 0) continue;
            anyDecrease |= delta.getValue() < 0;
            Key key = delta.getKey();
            transaction.batch("INSERT INTO summary_count (tenant, type, attr, n) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (tenant, type, attr) DO UPDATE SET n = summary_count.n + excluded.n",
                    key.tenant, key.type, key.attribute, delta.getValue());
        }
        if (anyDecrease) transaction.update("DELETE FROM summary_count WHERE n <= 0");
    }
}
