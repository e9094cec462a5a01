package io.city4d.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.port.DocumentStore;
import java.util.List;
import java.util.Optional;

/** Small JSON documents in one table; writes share the group commit of entity changes, so they are durable too. */
final class JdbcDocumentStore implements DocumentStore {
    private final ReadConnections readers;
    private final GroupCommitWriter writer;

    JdbcDocumentStore(ReadConnections readers, GroupCommitWriter writer) {
        this.readers = readers;
        this.writer = writer;
    }

    @Override
    public void put(String collection, String tenant, String id, JsonNode document) {
        String body = document.toString();
        writer.execute(transaction -> transaction.update("INSERT INTO document (collection, tenant, id, body) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (collection, tenant, id) DO UPDATE SET body = excluded.body", collection, tenant, id, body));
    }

    @Override
    public Optional<JsonNode> get(String collection, String tenant, String id) {
        List<JsonNode> found = readers.read(connection -> Jdbc.list(connection,
                SqlFragment.of("SELECT body FROM document WHERE collection = ? AND tenant = ? AND id = ?", collection, tenant, id),
                row -> EntityCodec.parse(row.getString(1))));
        return found.stream().findFirst();
    }

    @Override
    public List<Document> list(String collection, String tenant, int limit) {
        SqlFragment where = SqlFragment.of("collection = ?", collection);
        if (tenant != null) where = where.and(SqlFragment.of("tenant = ?", tenant));
        SqlFragment query = where.inside("SELECT tenant, id, body FROM document WHERE %s").then(" ORDER BY seq LIMIT ?", limit);
        return readers.read(connection -> Jdbc.list(connection, query,
                row -> new Document(row.getString(1), row.getString(2), EntityCodec.parse(row.getString(3)))));
    }

    @Override
    public boolean delete(String collection, String tenant, String id) {
        int deleted = writer.execute(transaction -> transaction.update("DELETE FROM document WHERE collection = ? AND tenant = ? AND id = ?",
                collection, tenant, id));
        return deleted > 0;
    }
}
