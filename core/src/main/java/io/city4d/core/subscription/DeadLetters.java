package io.city4d.core.subscription;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Json;
import io.city4d.core.port.DocumentStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Notifications that could not be delivered after every retry: kept durable, listed for operators to replay. */
public final class DeadLetters {
    public static final String COLLECTION = "dead-letters";
    private final DocumentStore documents;

    public DeadLetters(DocumentStore documents) {
        this.documents = documents;
    }

    public void add(Subscription subscription, NotificationRenderer.Rendered message, int attempts, String error, Instant at) {
        ObjectNode doc = Json.NODES.objectNode()
                .put("subscriptionId", subscription.id())
                .put("endpoint", subscription.endpoint().toString())
                .put("contentType", message.contentType())
                .put("body", new String(message.body(), StandardCharsets.UTF_8))
                .put("attempts", attempts)
                .put("error", error)
                .put("failedAt", at.toString());
        // Time-ordered ids keep the listing in failure order.
        documents.put(COLLECTION, subscription.tenant(), at.toEpochMilli() + "-" + UUID.randomUUID(), doc);
    }

    public List<DocumentStore.Document> list(String tenant, int limit) {
        return documents.list(COLLECTION, tenant, limit);
    }
}
