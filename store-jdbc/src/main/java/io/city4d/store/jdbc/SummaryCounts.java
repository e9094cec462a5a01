package io.city4d.store.jdbc;

import io.city4d.core.model.Entity;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps summary_count(tenant, type, attr, n) up to date, the table that answers the types and attributes
 * summaries without reading entities. A row (type, "") counts the entities of a type, ("", attr) the entities
 * carrying an attribute, and (type, attr) the entities of a type that carry the attribute. The changes of a whole
 * group are summed in memory and written once before the commit; rows that reach zero are removed. The deltas of a
 * change are computed on the committing caller's thread, with the rest of its {@link EncodedChange}.
 */
final class SummaryCounts implements WriteTransaction.Attachment {
    private record Key(String tenant, String type, String attribute) {}

    /** A count to add to one row. */
    record Delta(Key key, long n) {}

    private final Map<Key, Long> deltas = new HashMap<>();

    /** What a change from {@code before} to {@code after} (either may be null) adds to the counts. */
    static List<Delta> deltas(String tenant, Entity before, Entity after) {
        if (before != null && after != null && before.types().equals(after.types())
                && before.attributes().keySet().equals(after.attributes().keySet())) {
            return List.of();
        }
        Set<Key> removed = keys(tenant, before);
        Set<Key> added = keys(tenant, after);
        List<Delta> deltas = new ArrayList<>();
        for (Key key : removed) if (!added.contains(key)) deltas.add(new Delta(key, -1));
        for (Key key : added) if (!removed.contains(key)) deltas.add(new Delta(key, 1));
        return deltas;
    }

    /** Adds the deltas to the transaction's sums, written once before it commits. */
    static void add(WriteTransaction transaction, List<Delta> deltas) {
        if (deltas.isEmpty()) return;
        SummaryCounts counts = transaction.attachment(SummaryCounts.class, SummaryCounts::new);
        for (Delta delta : deltas) counts.deltas.merge(delta.key, delta.n, Long::sum);
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
