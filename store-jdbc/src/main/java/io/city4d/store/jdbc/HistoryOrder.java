package io.city4d.store.jdbc;

/**
 * How a database orders history rows by commit, which is the order the rollups fold them in.
 *
 * @param column        the history column (or rowid) that grows with each commit
 * @param scanHint      what follows {@code FROM history} so that a range of {@code column} is read by that range
 * @param foldableBelow a query of one long: rows below it are all committed and visible, and no row below it is added later
 * @param writtenBelow  a query of one long: every row committed so far is below it
 * @param chunk         the most {@code column} values one fold transaction takes
 */
public record HistoryOrder(String column, String scanHint, String foldableBelow, String writtenBelow, long chunk) {}
