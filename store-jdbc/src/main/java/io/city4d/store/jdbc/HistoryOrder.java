package io.city4d.store.jdbc;

/**
 * How a database orders history rows by commit, which is the order the rollups fold them in. A range of the order is
 * always read with both bounds, which lets a planner without statistics still see it as narrow.
 *
 * @param column        the history column (or rowid) that grows with each commit
 * @param foldableBelow a query of one long: rows below it are all committed and visible, and no row below it is added later
 * @param writtenBelow  a query of one long: every row committed so far is below it
 * @param chunk         the most {@code column} values one fold transaction takes
 */
public record HistoryOrder(String column, String foldableBelow, String writtenBelow, long chunk) {}
