package io.city4d.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Json;
import io.city4d.core.port.DocumentLoader;
import io.city4d.core.port.DocumentStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Stored credentials, kept by the hash of their secret and held in memory so a check costs one hash. */
public final class Credentials {
    private static final String COLLECTION = "credentials";
    private static final String GLOBAL = "";

    private final DocumentStore documents;
    private final Map<String, Credential> byHash = new ConcurrentHashMap<>();

    public Credentials(DocumentStore documents, DocumentLoader loader) {
        this.documents = documents;
        loader.forEach(COLLECTION, GLOBAL, d -> {
            Credential c = read(d.body());
            byHash.put(c.secretHash(), c);
        });
    }

    public void save(Credential credential) {
        documents.put(COLLECTION, GLOBAL, credential.secretHash(), write(credential));
        byHash.put(credential.secretHash(), credential);
    }

    public Optional<Credential> findBySecretHash(String hash) {
        return Optional.ofNullable(byHash.get(hash));
    }

    public List<Credential> list() {
        return List.copyOf(byHash.values());
    }

    public boolean delete(String id) {
        for (Credential c : byHash.values()) {
            if (c.id().equals(id)) {
                documents.delete(COLLECTION, GLOBAL, c.secretHash());
                byHash.remove(c.secretHash());
                return true;
            }
        }
        return false;
    }

    /** Removes every credential of a device. */
    public void revokeDevice(String tenant, String deviceId) {
        for (Credential c : list()) {
            if (deviceId.equals(c.deviceId()) && tenant.equals(c.tenant())) delete(c.id());
        }
    }

    private static JsonNode write(Credential c) {
        var node = Json.NODES.objectNode().put("id", c.id()).put("secretHash", c.secretHash()).put("name", c.name())
                .put("role", c.role().name()).put("createdAt", c.createdAt().toString());
        if (c.tenant() != null) node.put("tenant", c.tenant());
        if (c.deviceId() != null) node.put("deviceId", c.deviceId());
        return node;
    }

    private static Credential read(JsonNode n) {
        return new Credential(n.get("id").asText(), n.get("secretHash").asText(), n.get("name").asText(), Role.valueOf(n.get("role").asText()),
                n.hasNonNull("tenant") ? n.get("tenant").asText() : null, n.hasNonNull("deviceId") ? n.get("deviceId").asText() : null,
                Instant.parse(n.get("createdAt").asText()));
    }
}
