package io.city4d.core.port;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Small durable JSON documents by collection, tenant and id: subscriptions, devices, device profiles, credentials,
 * dead letters. Writes are durable when the call returns.
 */
public interface DocumentStore {
    void put(String collection, String tenant, String id, JsonNode document);

    Optional<JsonNode> get(String collection, String tenant, String id);

    /** As {@link #get(String, String, String)}, but a document whose stored text cannot be read is handed to unreadable, and none is returned. */
    Optional<JsonNode> get(String collection, String tenant, String id, Consumer<Unreadable> unreadable);

    /** Documents of a collection, oldest first; a null tenant lists all tenants. */
    List<Document> list(String collection, String tenant, int limit);

    /** As {@link #list(String, String, int)}, but a document whose stored text cannot be read is handed to unreadable and left out. */
    List<Document> list(String collection, String tenant, int limit, Consumer<Unreadable> unreadable);

    boolean delete(String collection, String tenant, String id);

    record Document(String tenant, String id, JsonNode body) {}

    /** A stored document that cannot be read, and why. */
    record Unreadable(String collection, String tenant, String id, String reason) {}
}
