package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Format;
import io.city4d.core.model.Json;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.subscription.Subscription;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code notification} member of a subscription (NGSI-LD clause 5.2.14 NotificationParams, 5.2.15 Endpoint):
 * validated and stored with its names expanded, shown again compacted, and compiled into the engine's delivery.
 */
final class NotificationParams {
    private static final Set<String> FORMATS = Set.of("normalized", "keyValues", "simplified", "concise");
    private static final Set<String> ACCEPTED = Set.of(LdExchange.JSON, LdExchange.LD_JSON);
    /** Headers a notification's own framing and meaning need, which receiverInfo may not set. */
    private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length", "transfer-encoding", "host", "connection",
            "link", "ngsild-tenant", "expect", "upgrade", "te", "trailer");

    private NotificationParams() {}

    /** Validates the request's notification member and returns it as stored. */
    static ObjectNode fromRequest(JsonNode notification, LdContext ctx) {
        if (notification == null || !notification.isObject()) throw ProblemException.badData("notification is required");
        JsonNode endpoint = notification.path("endpoint");
        if (!endpoint.path("uri").isTextual()) throw ProblemException.badData("notification.endpoint.uri is required");
        URI uri = endpointUri(endpoint.get("uri").asText());
        ObjectNode n = Json.NODES.objectNode();
        if (notification.has("attributes")) n.set("attributes", SubscriptionDocument.expandNames(notification.get("attributes"), ctx, "notification.attributes"));
        Projection pick = projection(notification, "pick", ctx);
        Projection omit = projection(notification, "omit", ctx);
        MemberFilter.of(SubscriptionDocument.names(n.get("attributes")), pick, omit);
        if (pick != null) n.put("pick", pick.toString());
        if (omit != null) n.put("omit", omit.toString());
        String format = notification.path("format").asText("normalized");
        if (!FORMATS.contains(format)) throw ProblemException.badData("notification.format must be normalized, keyValues (simplified) or concise");
        n.put("format", format.equals("simplified") ? "keyValues" : format);
        boolean showChanges = flag(notification, "showChanges");
        if (showChanges && n.get("format").asText().equals("keyValues")) {
            throw ProblemException.badData("notification.showChanges needs the normalized or concise format: keyValues has no place for previous values");
        }
        if (showChanges) n.put("showChanges", true);
        if (flag(notification, "sysAttrs")) n.put("sysAttrs", true);
        String accept = endpoint.path("accept").asText(LdExchange.JSON);
        if (!ACCEPTED.contains(accept)) throw ProblemException.badData("notification.endpoint.accept must be application/json or application/ld+json");
        ObjectNode e = n.putObject("endpoint").put("uri", uri.toString()).put("accept", accept);
        if (endpoint.has("receiverInfo")) {
            ArrayNode headers = keyValues(endpoint.get("receiverInfo"), "notification.endpoint.receiverInfo");
            for (JsonNode pair : headers) {
                if (RESERVED_HEADERS.contains(pair.get("key").asText().toLowerCase(java.util.Locale.ROOT))) {
                    throw ProblemException.badData("notification.endpoint.receiverInfo may not set " + pair.get("key").asText() + ": the notification itself does");
                }
            }
            e.set("receiverInfo", headers);
        }
        if (endpoint.has("notifierInfo")) e.set("notifierInfo", keyValues(endpoint.get("notifierInfo"), "notification.endpoint.notifierInfo"));
        return n;
    }

    /** The stored member as NGSI-LD shows it, compacted with the caller's context. */
    static ObjectNode asRequest(JsonNode stored, LdContext ctx) {
        ObjectNode out = Json.NODES.objectNode();
        if (stored.has("attributes")) out.set("attributes", SubscriptionDocument.compactNames(stored.get("attributes"), ctx));
        for (String member : List.of("pick", "omit")) {
            if (stored.has(member)) stored(stored, member).members(ctx).forEach(out.withArray(member)::add);
        }
        out.put("format", stored.get("format").asText());
        if (stored.has("showChanges")) out.put("showChanges", true);
        if (stored.has("sysAttrs")) out.put("sysAttrs", true);
        out.set("endpoint", stored.get("endpoint").deepCopy());
        return out;
    }

    static Subscription.Delivery delivery(JsonNode stored, List<String> contextUrls, Set<String> datasetIds) {
        JsonNode endpoint = stored.path("endpoint");
        Map<String, String> headers = new LinkedHashMap<>();
        endpoint.path("receiverInfo").forEach(pair -> headers.put(pair.get("key").asText(), pair.get("value").asText()));
        return new Subscription.Delivery(URI.create(endpoint.path("uri").asText()), SubscriptionDocument.names(stored.get("attributes")),
                Format.fromOptions(stored.path("format").asText("normalized"), Set.of()), endpoint.path("accept").asText(LdExchange.JSON),
                contextUrls, headers, stored.path("showChanges").asBoolean(false), stored.path("sysAttrs").asBoolean(false),
                stored.path("pick").asText(null), stored.path("omit").asText(null), datasetIds);
    }

    /** pick or omit of a notification (clause 5.2.14): an array of members in the projection syntax, or one string. */
    private static Projection projection(JsonNode notification, String member, LdContext ctx) {
        JsonNode value = notification.get(member);
        if (value == null || value.isNull()) return null;
        List<String> parts = new java.util.ArrayList<>();
        if (value.isTextual()) parts.add(value.asText());
        else if (value.isArray()) value.forEach(v -> parts.add(v.isTextual() ? v.asText() : null));
        if (parts.isEmpty() || parts.contains(null)) throw ProblemException.badData("notification." + member + " must be a non-empty array of entity member names");
        return Projection.parse("notification." + member, String.join(",", parts), ctx);
    }

    /** A stored pick or omit: its names are expanded already. */
    private static Projection stored(JsonNode stored, String member) {
        return Projection.parse(member, stored.get(member).asText(), LdContext.EXPANDED);
    }

    /** The members a notification shows of each entity: notification.attributes, pick and omit. */
    static MemberFilter members(Subscription.Delivery delivery) {
        return new MemberFilter(delivery.attributes(), Projection.parse("pick", delivery.pick(), LdContext.EXPANDED),
                Projection.parse("omit", delivery.omit(), LdContext.EXPANDED));
    }

    private static boolean flag(JsonNode notification, String name) {
        JsonNode value = notification.get(name);
        if (value == null || value.isNull()) return false;
        if (!value.isBoolean()) throw ProblemException.badData("notification." + name + " must be true or false");
        return value.asBoolean();
    }

    /**
     * An array of {"key", "value"} pairs of strings (clause 5.2.22 KeyValuePair); the keys of receiverInfo become
     * HTTP header names, so they must be tokens and the values free of line breaks.
     */
    private static ArrayNode keyValues(JsonNode pairs, String what) {
        if (!pairs.isArray()) throw ProblemException.badData(what + " must be an array of {\"key\", \"value\"} pairs");
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode pair : pairs) {
            if (!pair.isObject() || pair.size() != 2 || !pair.path("key").isTextual() || !pair.path("value").isTextual()) {
                throw ProblemException.badData(what + " must be an array of {\"key\", \"value\"} pairs of strings: " + pair);
            }
            String key = pair.get("key").asText();
            if (!key.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}") || pair.get("value").asText().matches("(?s).*[\\r\\n\\x00].*")) {
                throw ProblemException.badData(what + ": " + key + " is not a header name, or its value holds a line break");
            }
            if (!keys.add(key.toLowerCase(java.util.Locale.ROOT))) throw ProblemException.badData(what + " names " + key + " twice");
        }
        return (ArrayNode) pairs;
    }

    private static URI endpointUri(String text) {
        try {
            URI uri = URI.create(text);
            if (uri.getScheme() == null || uri.getHost() == null) throw ProblemException.badData("notification.endpoint.uri must be an absolute URI with a host");
            return uri;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badData("notification.endpoint.uri is not a valid URI");
        }
    }
}
