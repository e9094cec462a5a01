package io.city4d.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses where a query starts: the lead that finds the fewest keys, among the query's own and all the tenant's
 * entities. The leads are counted in one statement, each up to a cap that grows eightfold until one count comes
 * under it, so choosing costs a small multiple of reading the lead chosen. Plans then rest on counts made now, not on
 * planner statistics that may be stale.
 */
final class LeadChoice {
    private static final long FIRST_CAP = 1024;
    private static final long GROWTH = 8;

    private final Connection connection;
    private final Lead everything;
    private final List<Lead> leads;
    /** The cap of the last count, 0 before any. */
    private long counted;
    private Lead smallest;
    private long smallestCount;

    LeadChoice(Connection connection, Lead everything, List<Lead> queryLeads) {
        this.connection = connection;
        this.everything = everything;
        this.leads = new ArrayList<>();
        // first, so that it wins ties: all entities come in id order and a page may end before reading them all
        leads.add(everything);
        leads.addAll(queryLeads);
    }

    /** The lead of all the tenant's entities, which the database reads in id order rather than through a value index. */
    Lead everything() {
        return everything;
    }

    /** The smallest lead if it finds fewer than {@code cap} keys, else null. */
    Lead smallestBelow(long cap) throws SQLException {
        if (smallest == null && cap > counted) count(cap);
        return smallest != null && smallestCount < cap ? smallest : null;
    }

    /** The smallest lead. */
    Lead smallest() throws SQLException {
        if (leads.size() == 1) return everything;
        for (long cap = Math.max(FIRST_CAP, counted * GROWTH); smallest == null; cap *= GROWTH) count(cap);
        return smallest;
    }

    /** The statement that counts every lead, each no further than {@code cap}. */
    SqlFragment countStatement(long cap) {
        return SqlFragment.joined(", ", leads.stream().map(lead -> lead.cappedCount(cap).inside("(%s)")).toList()).inside("SELECT %s");
    }

    private void count(long cap) throws SQLException {
        SqlFragment statement = countStatement(cap);
        try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
            Jdbc.bind(prepared, statement.params());
            try (ResultSet row = prepared.executeQuery()) {
                row.next();
                for (int i = 0; i < leads.size(); i++) {
                    long n = row.getLong(i + 1);
                    if (n < cap && (smallest == null || n < smallestCount)) {
                        smallest = leads.get(i);
                        smallestCount = n;
                    }
                }
            }
        }
        counted = cap;
    }
}
