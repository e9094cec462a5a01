package io.city4d.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.port.DocumentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

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
        return get(collection, tenant, id, unreadable -> {
            throw new StoreException("the stored document " + id + " in " + collection + " is not valid JSON: " + unreadable.reason());
        });
    }

    @Override
    public Optional<JsonNode> get(String collection, String tenant, String id, Consumer<Unreadable> unreadable) {
        List<String> found = readers.read(connection -> Jdbc.list(connection,
                SqlFragment.of("SELECT body FROM document WHERE collection = ? AND tenant = ? AND id = ?", collection, tenant, id),
                row -> row.getString(1)));
        if (found.isEmpty()) return Optional.empty();
        try {
            return Optional.of(EntityCodec.parse(found.getFirst()));
        } catch (StoreException e) {
            unreadable.accept(new Unreadable(collection, tenant, id, reason(e)));
            return Optional.empty();
        }
    }

    @Override
    public List<Document> list(String collection, String tenant, int limit) {
        return list(collection, tenant, limit, unreadable -> {
            throw new StoreException("the stored document " + unreadable.id() + " in " + collection + " is not valid JSON: " + unreadable.reason());
        });
    }

    @Override
    public List<Document> list(String collection, String tenant, int limit, Consumer<Unreadable> unreadable) {
        SqlFragment where = SqlFragment.of("collection = ?", collection);
        if (tenant != null) where = where.and(SqlFragment.of("tenant = ?", tenant));
        SqlFragment query = where.inside("SELECT tenant, id, body FROM document WHERE %s").then(" ORDER BY seq LIMIT ?", limit);
        List<Document> documents = new ArrayList<>();
        for (String[] row : readers.read(connection -> Jdbc.list(connection, query, r -> new String[] {r.getString(1), r.getString(2), r.getString(3)}))) {
            try {
                documents.add(new Document(row[0], row[1], EntityCodec.parse(row[2])));
            } catch (StoreException e) {
                unreadable.accept(new Unreadable(collection, row[0], row[1], reason(e)));
            }
        }
        return documents;
    }

    private static String reason(StoreException e) {
        return e.getCause() instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    }

    @Override
    public boolean delete(String collection, String tenant, String id) {
        int deleted = writer.execute(transaction -> transaction.update("DELETE FROM document WHERE collection = ? AND tenant = ? AND id = ?",
                collection, tenant, id));
        return deleted > 0;
    }
}
