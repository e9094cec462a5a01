package io.city4d.store.jdbc;

import static io.city4d.store.jdbc.TestTwin.point;

import io.city4d.core.port.Change;
import io.city4d.core.port.EntityStore;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.GeoQuery;
import io.city4d.core.query.QueryParser;
import io.city4d.core.query.ScopeQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Data and queries for the adapters' checks that selective queries start from an index, never from all entities. */
public final class PlannedQueries {
    private PlannedQueries() {}

    /** Enough entities of two types, with values, points and scopes, for a planner to prefer indexes. */
    public static void populate(EntityStore store, String tenant, int count) {
        TestTwin twin = new TestTwin(store, tenant);
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            changes.add(twin.creation("{\"id\": \"urn:x:%06d\", \"type\": \"%s\", \"scope\": \"/D%d/B%d\", \"status\": \"%s\", \"occupancy\": %d, %s}".formatted(
                    i, i % 2 == 0 ? "urn:t:Spot" : "urn:t:Lamp", i % 50, i % 7, i % 3 == 0 ? "free" : "taken", i % 100,
                    point(105.8 + (i % 97) * 0.001, 21.0 + (i % 89) * 0.001))));
        }
        store.commit(changes);
    }

    /** The steps of a plan: the given column of each row that {@code explain} (e.g. "EXPLAIN") and the statement return. */
    public static List<String> plan(Connection connection, String explain, SqlFragment statement, String column) {
        try (PreparedStatement prepared = connection.prepareStatement(explain + " " + statement.sql())) {
            Jdbc.bind(prepared, statement.params());
            List<String> steps = new ArrayList<>();
            try (ResultSet row = prepared.executeQuery()) {
                while (row.next()) steps.add(row.getString(column));
            }
            return steps;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The queries whose plans must use indexes, by name: the shapes a city asks most. */
    public static Map<String, EntityQuery> queries() {
        GeoQuery near = GeoQuery.parse("near;maxDistance==400", "Point", "[105.85, 21.03]", null);
        Set<String> spots = Set.of("urn:t:Spot");
        return Map.of(
                "type and q", new EntityQuery(null, null, spots, QueryParser.parse("occupancy>=98"), null, null, 20, 0, false),
                "type and a q range", new EntityQuery(null, null, spots, QueryParser.parse("occupancy>=40;occupancy<41"), null, null, 20, 0, false),
                "type and two q terms", new EntityQuery(null, null, spots, QueryParser.parse("status==\"free\";occupancy==42"), null, null, 20, 0, true),
                "type and a string", new EntityQuery(null, null, spots, QueryParser.parse("status==\"free\""), null, null, 20, 0, false),
                "type, counted", new EntityQuery(null, null, spots, null, null, null, 20, 0, true),
                "geo near", new EntityQuery(null, null, null, null, near, null, 20, 0, false),
                "type and geo", new EntityQuery(null, null, spots, null, near, null, 20, 0, false),
                "id pattern", new EntityQuery(null, "urn:x:0012\\d\\d", null, null, null, null, 20, 0, false),
                "scope subtree", new EntityQuery(null, null, null, null, null, ScopeQuery.parse("/D7/#"), null, 20, 0, false),
                "type and scopes", new EntityQuery(null, null, spots, null, null, ScopeQuery.parse("/D8/B1,/D9/+"), null, 20, 0, true));
    }
}
