package io.city4d.store.jdbc;

import java.util.Map;

/**
 * How statements name the tables they read, so that each is read through the index meant for it whatever the
 * statistics say (see {@link SqlDialect#indexHint}). With statistics that call a table small, stale ones after a bulk
 * load, SQLite would otherwise scan a table or another of its indexes, even once per entity.
 *
 * <p>Probes check a condition on one entity row (alias {@code e}) through its rows in an index table, read by entity
 * key. They end with LIMIT 1, which keeps SQLite from turning the EXISTS into a join and first reading the whole index
 * into a Bloom filter, and with the dialect's fence, which keeps PostgreSQL from turning each into a semi-join: its
 * time to plan the joins grows with the cube of their number (a q of 80 terms took a second to plan), while each probe
 * planned on its own grows the time linearly.
 */
record IndexReads(SqlDialect dialect) {
    /** The index each table is read through by entity key; null for the table's own primary key. */
    private static final Map<String, String> BY_ENTITY = Map.of("attr_index", "attr_index_by_entity", "geo_index", "geo_index_by_entity");

    /** The table, with its alias, read through the index (null: its primary key). */
    String table(String table, String alias, String index) {
        return table + " " + alias + dialect.indexHint(index);
    }

    /** The table, with its alias, read by entity key. */
    String byEntity(String table, String alias) {
        return table(table, alias, BY_ENTITY.get(table));
    }

    /** The tenant's entities, alias {@code alias}, read in id order through the (tenant, id) index. */
    String entities(String alias) {
        return table("entity", alias, SqlDialect.ENTITY_BY_TENANT_ID);
    }

    /** An entity row, alias {@code alias}, looked up by its key; the hint keeps SQLite from reading the table through an index. */
    String entityByKey(String alias) {
        return table("entity", alias, null);
    }

    /** Some row of the entity in the table, alias {@code alias}, meets the condition. */
    SqlFragment exists(String table, String alias, SqlFragment condition) {
        return condition.inside("EXISTS (SELECT 1 FROM " + byEntity(table, alias) + " WHERE " + alias + ".entity_key = e.key AND (%s) LIMIT 1"
                + dialect.subqueryFence() + ")");
    }

    /** No row of the entity in the table, alias {@code alias}, meets the condition. */
    SqlFragment none(String table, String alias, SqlFragment condition) {
        return exists(table, alias, condition).inside("NOT %s");
    }
}
