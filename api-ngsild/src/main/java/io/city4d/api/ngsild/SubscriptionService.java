package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.port.DocumentLoader;
import io.city4d.core.port.DocumentStore;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.security.AddressPolicy;
import io.city4d.core.subscription.SubscriptionEngine;
import io.city4d.core.subscription.SubscriptionStatus;
import io.city4d.core.subscription.UndeliverableNotification;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * NGSI-LD subscriptions: durable in the document store, compiled into the engine, and reloaded at start-up.
 * Delivery counters live in memory and are saved every few seconds.
 */
final class SubscriptionService implements AutoCloseable {
    static final String COLLECTION = "subscriptions";

    private final DocumentStore documents;
    private final SubscriptionEngine engine;
    private final AddressPolicy notifiedHosts;
    private final Map<String, SubscriptionDocument> byKey = new ConcurrentHashMap<>();
    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("city4d-subscription-status").unstarted(r));

    SubscriptionService(DocumentStore documents, SubscriptionEngine engine, AddressPolicy notifiedHosts, DocumentLoader loader) {
        this.documents = documents;
        this.engine = engine;
        this.notifiedHosts = notifiedHosts;
        loader.forEach(COLLECTION, null, d -> register(new SubscriptionDocument((ObjectNode) d.body()), status(d.body().get("status"))));
        saver.scheduleWithFixedDelay(this::saveStatus, 2, 2, TimeUnit.SECONDS);
    }

    SubscriptionDocument create(SubscriptionDocument doc) {
        if (byKey.containsKey(key(doc.tenant(), doc.id()))) throw new ProblemException(ProblemType.ALREADY_EXISTS, "subscription already exists: " + doc.id());
        checkEndpoint(doc);
        documents.put(COLLECTION, doc.tenant(), doc.id(), doc.stored());
        register(doc, new SubscriptionStatus());
        return doc;
    }

    SubscriptionDocument replace(SubscriptionDocument doc) {
        checkEndpoint(doc);
        SubscriptionStatus status = Optional.ofNullable(engine.status(doc.tenant(), doc.id())).orElseGet(SubscriptionStatus::new);
        documents.put(COLLECTION, doc.tenant(), doc.id(), withStatus(doc, status));
        register(doc, status);
        return doc;
    }

    Optional<SubscriptionDocument> get(String tenant, String id) {
        return Optional.ofNullable(byKey.get(key(tenant, id)));
    }

    List<SubscriptionDocument> list(String tenant) {
        return byKey.values().stream().filter(d -> d.tenant().equals(tenant)).sorted(java.util.Comparator.comparing(SubscriptionDocument::id)).toList();
    }

    /** Every subscription of every tenant. */
    java.util.Collection<SubscriptionDocument> all() {
        return byKey.values();
    }

    /** Deletes a subscription, or a stored one that could not be loaded at start-up. */
    boolean delete(String tenant, String id) {
        boolean registered = byKey.remove(key(tenant, id)) != null;
        if (registered) engine.remove(tenant, id);
        return documents.delete(COLLECTION, tenant, id) || registered;
    }

    SubscriptionStatus status(String tenant, String id) {
        return engine.status(tenant, id);
    }

    /** Compiled into the engine first, so that a document that does not compile is not registered at all. */
    private void register(SubscriptionDocument doc, SubscriptionStatus status) {
        engine.put(doc.compile(), status);
        byKey.put(key(doc.tenant(), doc.id()), doc);
    }

    /** A subscription's endpoint must have a transport, and a host the address policy allows (it is checked again at each delivery). */
    private void checkEndpoint(SubscriptionDocument doc) {
        URI endpoint = doc.compile().endpoint();
        if (!engine.supportsScheme(endpoint.getScheme())) {
            throw ProblemException.badData("notification endpoints with scheme " + endpoint.getScheme() + " are not supported");
        }
        try {
            notifiedHosts.resolve(endpoint.getHost());
        } catch (AddressPolicy.Refused e) {
            throw ProblemException.badData(UndeliverableNotification.refused(e).getMessage());
        } catch (UnknownHostException e) {
            // it may resolve by the time there is something to send, when the delivery checks it again
        }
    }

    private void saveStatus() {
        for (SubscriptionDocument doc : byKey.values()) {
            SubscriptionStatus status = engine.status(doc.tenant(), doc.id());
            if (status != null && status.takeDirty() && byKey.containsKey(key(doc.tenant(), doc.id()))) {
                documents.put(COLLECTION, doc.tenant(), doc.id(), withStatus(doc, status));
            }
        }
    }

    private static ObjectNode withStatus(SubscriptionDocument doc, SubscriptionStatus status) {
        ObjectNode stored = doc.stored().deepCopy();
        ObjectNode s = stored.putObject("status").put("timesSent", status.timesSent()).put("timesFailed", status.timesFailed());
        put(s, "lastNotification", status.lastNotification());
        put(s, "lastSuccess", status.lastSuccess());
        put(s, "lastFailure", status.lastFailure());
        return stored;
    }

    private static void put(ObjectNode node, String name, Instant value) {
        if (value != null) node.put(name, value.toString());
    }

    private static SubscriptionStatus status(JsonNode s) {
        if (s == null) return new SubscriptionStatus();
        return new SubscriptionStatus(s.path("timesSent").asLong(), s.path("timesFailed").asLong(), instant(s, "lastNotification"),
                instant(s, "lastSuccess"), instant(s, "lastFailure"));
    }

    private static Instant instant(JsonNode s, String name) {
        return s.hasNonNull(name) ? Instant.parse(s.get(name).asText()) : null;
    }

    private static String key(String tenant, String id) {
        return tenant + '\u0000' + id;
    }

    @Override
    public void close() {
        saveStatus();
        saver.shutdownNow();
    }
}
