package io.city4d.core.port;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Small durable JSON documents by collection, tenant and id: subscriptions, devices, device profiles, credentials,
 * dead letters. Writes are durable when the call returns.
 */
public interface DocumentStore {
    void put(String collection, String tenant, String id, JsonNode document);

    Optional<JsonNode> get(String collection, String tenant, String id);

    /** Documents of a collection, oldest first; a null tenant lists all tenants. */
    List<Document> list(String collection, String tenant, int limit);

    boolean delete(String collection, String tenant, String id);

    record Document(String tenant, String id, JsonNode body) {}
}
