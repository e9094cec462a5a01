package io.city4d.bench.server;

import java.util.List;

/** The store a benchmark server runs on: the embedded SQLite file, or a fresh database on a PostgreSQL server. */
public record StoreChoice(String kind, String adminUrl, String user, String password) {
    public static final String SQLITE = "sqlite";
    public static final String POSTGRES = "postgres";

    public StoreChoice {
        if (!List.of(SQLITE, POSTGRES).contains(kind)) throw new IllegalArgumentException("--store must be sqlite or postgres");
    }

    public static StoreChoice sqlite() {
        return new StoreChoice(SQLITE, null, null, null);
    }

    public boolean isPostgres() {
        return POSTGRES.equals(kind);
    }

    /** A fresh database for one server, or null for SQLite (whose file lives in the server's data directory). */
    public PostgresDatabase freshDatabase() {
        return isPostgres() ? PostgresDatabase.create(adminUrl, user, password) : null;
    }
}
