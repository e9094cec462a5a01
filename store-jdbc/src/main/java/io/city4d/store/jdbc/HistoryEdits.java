package io.city4d.store.jdbc;

import io.city4d.core.model.Attribute;
import io.city4d.core.port.Change;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes and rewrites stored history (temporal provision, clauses 5.6.14 to 5.6.16) on the store's writer, keeping the
 * rollups exact: each edit first takes the fold watermark's row, which serialises it with the folders, then drops the
 * cells of a deleted series, or folds again from raw history the cells that held an edited row (rows above the
 * watermark are in no cell yet and need nothing).
 */
final class HistoryEdits {
    private static final String REFOLD = "INSERT INTO history_rollup (series_key, width, start_at, instances, numbers, sum_value, min_value, "
            + "max_value, sumsq_value, last_at) SELECT series_key, ?, ?, " + RollupCell.AGGREGATES
            + " FROM history WHERE series_key = ? AND at >= ? AND at < ? AND %s < ? GROUP BY series_key";
    private static final String INSTANCE = "SELECT h.series_key, h.at, h.%s FROM history h JOIN series s ON s.key = h.series_key "
            + "WHERE h.id = ? AND s.tenant = ? AND s.entity_id = ? AND s.attr = ?";

    private static final String AT_INSTANT = "SELECT id, %s FROM history WHERE series_key = ? AND at = ? ORDER BY id LIMIT 1";

    private final HistoryOrder order;

    HistoryEdits(HistoryOrder order) {
        this.order = order;
    }

    /**
     * Deletes the history of an entity's attribute (all of them when {@code attribute} is null): of all its instances
     * when {@code allDatasets}, else of the one with that datasetId (null: the default one). True when a row went.
     */
    boolean deleteSeries(WriteTransaction transaction, String tenant, String entityId, String attribute, String datasetId, boolean allDatasets)
            throws SQLException {
        watermark(transaction);
        StringBuilder sql = new StringBuilder("SELECT key FROM series WHERE tenant = ? AND entity_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenant, entityId));
        if (attribute != null) {
            sql.append(" AND attr = ?");
            params.add(attribute);
            if (!allDatasets) {
                sql.append(" AND dataset_id = ?");
                params.add(datasetId == null ? "" : datasetId);
            }
        }
        int deleted = 0;
        for (Object[] row : transaction.rows(sql.toString(), 1, params.toArray())) {
            long key = ((Number) row[0]).longValue();
            transaction.update("DELETE FROM history_rollup WHERE series_key = ?", key);
            deleted += transaction.update("DELETE FROM history WHERE series_key = ?", key);
        }
        return deleted > 0;
    }

    /**
     * Replaces one instance of an entity's attribute by its id with the given attribute (deletes it when null); false
     * when the attribute of that entity has no instance of that id. The instance keeps its id and series.
     */
    boolean replaceInstance(WriteTransaction transaction, String tenant, String entityId, String attribute, long id, Attribute replacement)
            throws SQLException {
        long foldedTo = watermark(transaction);
        List<Object[]> found = transaction.rows(INSTANCE.formatted(order.column()), 3, id, tenant, entityId, attribute);
        if (found.isEmpty()) return false;
        long series = ((Number) found.get(0)[0]).longValue();
        long oldAt = ((Number) found.get(0)[1]).longValue();
        boolean folded = ((Number) found.get(0)[2]).longValue() < foldedTo;
        if (replacement == null) {
            transaction.update("DELETE FROM history WHERE id = ?", id);
            if (folded) refold(transaction, series, oldAt, foldedTo);
        } else {
            rewrite(transaction, series, id, oldAt, folded, foldedTo, EncodedChange.historyRow(tenant, entityId,
                    new Change.HistoryPoint(attribute, replacement, replacement.historyInstant()), EntityCodec.writeAttribute(replacement)));
        }
        return true;
    }

    /** Rewrites the series' instance recorded at the row's instant with the row, if there is one; false when there is none. */
    boolean replaceAtInstant(WriteTransaction transaction, long series, EncodedChange.HistoryRow row) throws SQLException {
        long foldedTo = watermark(transaction);
        List<Object[]> found = transaction.rows(AT_INSTANT.formatted(order.column()), 2, series, row.at());
        if (found.isEmpty()) return false;
        long id = ((Number) found.get(0)[0]).longValue();
        rewrite(transaction, series, id, row.at(), ((Number) found.get(0)[1]).longValue() < foldedTo, foldedTo, row);
        return true;
    }

    private void rewrite(WriteTransaction transaction, long series, long id, long oldAt, boolean folded, long foldedTo, EncodedChange.HistoryRow row)
            throws SQLException {
        transaction.update("UPDATE history SET at = ?, num_value = ?, str_value = ?, body = ? WHERE id = ?", row.at(), row.number(), row.text(), row.body(), id);
        if (!folded) return;
        refold(transaction, series, oldAt, foldedTo);
        if (RollupPlan.floor(row.at(), RollupPlan.MINUTE) != RollupPlan.floor(oldAt, RollupPlan.MINUTE)) refold(transaction, series, row.at(), foldedTo);
    }

    /** Takes the watermark's row until commit (and sends the group's batched rows first), and returns the watermark. */
    private static long watermark(WriteTransaction transaction) throws SQLException {
        transaction.update("UPDATE history_fold SET folded_to = folded_to");
        return transaction.returningLong("SELECT folded_to FROM history_fold");
    }

    /** Folds again, from the folded rows of raw history, the cells of every width that hold the instant. */
    private void refold(WriteTransaction transaction, long series, long at, long foldedTo) throws SQLException {
        for (long width : RollupPlan.WIDTHS) {
            long start = RollupPlan.floor(at, width);
            transaction.update("DELETE FROM history_rollup WHERE series_key = ? AND width = ? AND start_at = ?", series, width, start);
            transaction.update(REFOLD.formatted(order.column()), width, start, series, start, start + width, foldedTo);
        }
    }
}
