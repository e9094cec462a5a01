package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Json;
import io.city4d.core.model.Times;
import io.city4d.core.port.Change;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.subscription.NotificationRenderer;
import io.city4d.core.subscription.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Renders NGSI-LD notifications (clause 5.3.1), compacted with the subscription's own @context. */
final class NgsiNotificationRenderer implements NotificationRenderer {
    private final ContextResolver contexts;
    private final Clock clock;

    NgsiNotificationRenderer(ContextResolver contexts, Clock clock) {
        this.contexts = contexts;
        this.clock = clock;
    }

    @Override
    public Rendered render(Subscription subscription, List<Change> changes) {
        Subscription.Delivery delivery = subscription.delivery();
        LdContext ctx = context(delivery);
        ChangeView view = new ChangeView(new EntityView(delivery.format(), delivery.sysAttrs(), NotificationParams.members(delivery),
                LinkedEntities.NONE, ctx, null), delivery.showChanges(), delivery.datasetIds());
        ObjectNode body = Json.NODES.objectNode()
                .put("id", "urn:ngsi-ld:Notification:" + UUID.randomUUID())
                .put("type", "Notification")
                .put("subscriptionId", subscription.id())
                .put("notifiedAt", Times.format(clock.instant()));
        ArrayNode data = body.putArray("data");
        changes.forEach(c -> data.add(view.render(c)));
        // the receiver's own headers first, so that none of them can stand in for the tenant or the context
        Map<String, String> headers = new HashMap<>(delivery.headers());
        if (!subscription.tenant().isEmpty()) headers.put("NGSILD-Tenant", subscription.tenant());
        String contentType;
        if (LdExchange.LD_JSON.equals(delivery.accept())) {
            JsonNode context = Json.MAPPER.valueToTree(ctx.urls());
            body.set("@context", context);
            // each entity of data is a JSON-LD document of its own (clause 5.3.1: "shall include the @context")
            data.forEach(entity -> ((ObjectNode) entity).set("@context", context));
            contentType = LdExchange.LD_JSON;
        } else {
            headers.put("Link", "<" + ctx.urls().get(0) + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"");
            contentType = LdExchange.JSON;
        }
        String scheme = delivery.endpoint().getScheme();
        if ("mqtt".equals(scheme) || "mqtts".equals(scheme)) return mqttMessage(contentType, body, headers);
        return new Rendered(contentType, bytes(body), headers);
    }

    /** The NGSI-LD MQTT binding: one JSON message with what HTTP carries in headers under "metadata" and the notification under "body". */
    private static Rendered mqttMessage(String contentType, ObjectNode notification, Map<String, String> headers) {
        ObjectNode message = Json.NODES.objectNode();
        ObjectNode metadata = message.putObject("metadata").put("Content-Type", contentType);
        headers.forEach(metadata::put);
        message.set("body", notification);
        return new Rendered(LdExchange.JSON, bytes(message), headers);
    }

    private LdContext context(Subscription.Delivery delivery) {
        if (delivery.contextUrls().isEmpty()) return contexts.core();
        try {
            return contexts.resolve(Json.MAPPER.valueToTree(delivery.contextUrls()));
        } catch (ProblemException e) {
            return contexts.core();
        }
    }

    private static byte[] bytes(ObjectNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
