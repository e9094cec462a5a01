package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Json;
import io.city4d.core.model.Times;
import io.city4d.core.port.DocumentLoader;
import io.city4d.core.port.DocumentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entity maps (clause 5.14 of v1.9.1): the ids a query selected, kept per tenant as durable resources until they
 * expire, so that a client can page over a fixed selection. Each tenant holds at most {@link #MAX_PER_TENANT}
 * live maps (a new one evicts the one that expires first) and a map lives at most {@link #MAX_LIFETIME}.
 */
final class EntityMaps {
    static final String COLLECTION = "entityMaps";
    static final int MAX_PER_TENANT = 100;
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    static final Duration MAX_LIFETIME = Duration.ofHours(24);
    private static final String ID_PREFIX = "urn:ngsi-ld:EntityMap:";

    private final DocumentStore documents;
    private final Clock clock;
    /** Per tenant, the expiry of each stored map: what bounds the maps without reading them. */
    private final Map<String, Map<String, Instant>> expiries = new ConcurrentHashMap<>();

    EntityMaps(DocumentStore documents, Clock clock, DocumentLoader loader) {
        this.documents = documents;
        this.clock = clock;
        loader.forEach(COLLECTION, null, d -> expiriesOf(d.tenant()).put(d.id(), Times.parse(d.body().get("expiresAt").asText(), "expiresAt")));
    }

    /** A new map of these entity ids, all from this broker ({@code @none}), living for the lifetime asked (bounded). */
    synchronized ObjectNode create(String tenant, List<String> entityIds, Duration lifetime) {
        Map<String, Instant> maps = expiriesOf(tenant);
        Instant now = clock.instant();
        maps.entrySet().removeIf(e -> {
            boolean expired = !e.getValue().isAfter(now);
            if (expired) documents.delete(COLLECTION, tenant, e.getKey());
            return expired;
        });
        while (maps.size() >= MAX_PER_TENANT) {
            String first = maps.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
            delete(tenant, first);
        }
        String id = ID_PREFIX + UUID.randomUUID();
        Instant expiresAt = bounded(now, now.plus(lifetime)).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode map = Json.NODES.objectNode().put("id", id).put("type", "EntityMap").put("expiresAt", Times.format(expiresAt));
        ObjectNode entries = map.putObject("entityMap");
        entityIds.forEach(e -> entries.putArray(e).add("@none"));
        documents.put(COLLECTION, tenant, id, map);
        maps.put(id, expiresAt);
        return map;
    }

    /** The live map of this id; an expired one cannot be accessed (clause 5.5.14). */
    Optional<ObjectNode> find(String tenant, String id) {
        Instant expiresAt = expiriesOf(tenant).get(id);
        if (expiresAt == null || !expiresAt.isAfter(clock.instant())) return Optional.empty();
        return documents.get(COLLECTION, tenant, id).filter(JsonNode::isObject).map(ObjectNode.class::cast);
    }

    /** Sets when a live map expires, no later than the longest lifetime from now; false when there is no such map. */
    synchronized boolean expire(String tenant, String id, Instant asked) {
        Optional<ObjectNode> map = find(tenant, id);
        if (map.isEmpty()) return false;
        Instant expiresAt = bounded(clock.instant(), asked).truncatedTo(ChronoUnit.SECONDS);
        documents.put(COLLECTION, tenant, id, map.get().put("expiresAt", Times.format(expiresAt)));
        expiriesOf(tenant).put(id, expiresAt);
        return true;
    }

    /** Takes entities that no longer exist out of a live map. */
    synchronized void prune(String tenant, String id, List<String> gone) {
        find(tenant, id).ifPresent(map -> {
            ObjectNode entries = (ObjectNode) map.get("entityMap");
            gone.forEach(entries::remove);
            documents.put(COLLECTION, tenant, id, map);
        });
    }

    /** Deletes a live map; false when there is none. */
    synchronized boolean delete(String tenant, String id) {
        boolean live = find(tenant, id).isPresent();
        if (expiriesOf(tenant).remove(id) != null) documents.delete(COLLECTION, tenant, id);
        return live;
    }

    private static Instant bounded(Instant now, Instant asked) {
        Instant latest = now.plus(MAX_LIFETIME);
        return asked.isAfter(latest) ? latest : asked;
    }

    private Map<String, Instant> expiriesOf(String tenant) {
        return expiries.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
    }

    /** Where a map is, as the NGSILD-EntityMap header gives it (clause 6.34.3.1). */
    static String location(String id) {
        return NgsiLdApi.PREFIX + "/entityMaps/" + id;
    }
}
