package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.EntityIds;
import io.city4d.core.model.Format;
import io.city4d.core.model.Json;
import io.city4d.core.model.Times;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.query.GeoQuery;
import io.city4d.core.query.QExpr;
import io.city4d.core.query.QueryParser;
import io.city4d.core.subscription.Subscription;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An NGSI-LD subscription as stored: its request with every name already expanded, so it can be compiled again after
 * a restart without fetching any @context. The q text is kept as written, with the expansion of each name beside it.
 */
record SubscriptionDocument(ObjectNode stored) {

    /** Validates a subscription request and expands its names with the request's context. */
    static SubscriptionDocument fromRequest(JsonNode body, LdContext ctx, String tenant) {
        if (!body.isObject()) throw ProblemException.badData("a subscription must be a JSON object");
        if (body.has("type") && !"Subscription".equals(body.get("type").asText())) throw ProblemException.badData("type must be Subscription");
        ObjectNode doc = Json.NODES.objectNode();
        String id = body.hasNonNull("id") ? EntityIds.requireUri(body.get("id").asText(), "subscription id") : "urn:ngsi-ld:Subscription:" + UUID.randomUUID();
        doc.put("id", id).put("tenant", tenant);
        copyText(body, doc, "subscriptionName", "description");
        ArrayNode entities = doc.putArray("entities");
        for (JsonNode sel : body.path("entities")) {
            ObjectNode s = entities.addObject();
            if (sel.hasNonNull("id")) s.put("id", EntityIds.requireUri(sel.get("id").asText(), "entities[].id"));
            if (sel.hasNonNull("idPattern")) s.put("idPattern", sel.get("idPattern").asText());
            if (!sel.hasNonNull("type")) throw ProblemException.badData("entities[].type is required");
            s.put("type", ctx.expand(sel.get("type").asText()));
        }
        if (body.has("watchedAttributes")) doc.set("watchedAttributes", expandNames(body.get("watchedAttributes"), ctx, "watchedAttributes"));
        if (entities.isEmpty() && !doc.has("watchedAttributes")) throw ProblemException.badData("a subscription needs entities or watchedAttributes");
        if (body.hasNonNull("q")) {
            String q = body.get("q").asText();
            SubscriptionLimits.checkQ(q);
            QExpr expr = QueryParser.parse(q);
            ObjectNode names = doc.putObject("qNames");
            expr.renameAttributes(n -> {
                names.put(n, ctx.expand(n));
                return n;
            });
            doc.put("q", q);
        }
        if (body.has("geoQ")) {
            JsonNode g = body.get("geoQ");
            String geoproperty = g.hasNonNull("geoproperty") ? ctx.expand(g.get("geoproperty").asText()) : GeoQuery.DEFAULT_PROPERTY;
            SubscriptionLimits.checkCoordinates(g.get("coordinates"));
            GeoQuery.parse(g.path("georel").asText(null), g.path("geometry").asText(null), g.has("coordinates") ? coordinates(g.get("coordinates")) : null, geoproperty);
            doc.putObject("geoQ").put("georel", g.get("georel").asText()).put("geometry", g.get("geometry").asText())
                    .put("coordinates", coordinates(g.get("coordinates"))).put("geoproperty", geoproperty);
        }
        JsonNode notification = body.get("notification");
        if (notification == null || !notification.isObject()) throw ProblemException.badData("notification is required");
        JsonNode endpoint = notification.path("endpoint");
        if (!endpoint.path("uri").isTextual()) throw ProblemException.badData("notification.endpoint.uri is required");
        URI uri = endpointUri(endpoint.get("uri").asText());
        ObjectNode n = doc.putObject("notification");
        if (notification.has("attributes")) n.set("attributes", expandNames(notification.get("attributes"), ctx, "notification.attributes"));
        String format = notification.path("format").asText("normalized");
        if (!Set.of("normalized", "keyValues", "concise").contains(format)) throw ProblemException.badData("notification.format must be normalized, keyValues or concise");
        n.put("format", format);
        String accept = endpoint.path("accept").asText(LdExchange.JSON);
        if (!Set.of(LdExchange.JSON, LdExchange.LD_JSON).contains(accept)) throw ProblemException.badData("notification.endpoint.accept must be application/json or application/ld+json");
        n.putObject("endpoint").put("uri", uri.toString()).put("accept", accept);
        ArrayNode contextUrls = doc.putArray("contextUrls");
        ctx.urls().forEach(contextUrls::add);
        if (body.has("throttling")) {
            JsonNode t = body.get("throttling");
            if (!t.isNumber() || t.asDouble() < 0) throw ProblemException.badData("throttling must be a non-negative number of seconds");
            doc.put("throttling", t.asDouble());
        }
        if (body.hasNonNull("expiresAt")) doc.put("expiresAt", Times.format(Times.parse(body.get("expiresAt").asText(), "expiresAt")));
        doc.put("isActive", body.path("isActive").asBoolean(true));
        if (body.has("notificationTrigger")) doc.set("notificationTrigger", textArray(body.get("notificationTrigger"), "notificationTrigger"));
        SubscriptionLimits.checkStored(doc);
        return new SubscriptionDocument(doc);
    }

    /** Applies a PATCH: the members given replace the stored ones, re-validated as a whole. */
    SubscriptionDocument patched(JsonNode patch, LdContext ctx) {
        ObjectNode request = asRequest(ctx);
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            var f = it.next();
            if (!f.getKey().equals("@context") && !f.getKey().equals("id")) request.set(f.getKey(), f.getValue());
        }
        return fromRequest(request, ctx, tenant());
    }

    String id() { return stored.get("id").asText(); }

    String tenant() { return stored.get("tenant").asText(); }

    Subscription compile() {
        List<Subscription.Selector> selectors = new ArrayList<>();
        for (JsonNode s : stored.path("entities")) {
            selectors.add(new Subscription.Selector(text(s, "id"), text(s, "idPattern"), text(s, "type")));
        }
        QExpr q = null;
        if (stored.has("q")) {
            JsonNode names = stored.get("qNames");
            q = QueryParser.parse(stored.get("q").asText()).renameAttributes(n -> names.path(n).asText(n));
        }
        GeoQuery geo = null;
        if (stored.has("geoQ")) {
            JsonNode g = stored.get("geoQ");
            geo = GeoQuery.parse(g.get("georel").asText(), g.get("geometry").asText(), g.get("coordinates").asText(), g.get("geoproperty").asText());
        }
        JsonNode n = stored.get("notification");
        Duration throttling = stored.has("throttling") ? Duration.ofMillis((long) (stored.get("throttling").asDouble() * 1000)) : null;
        Instant expiresAt = stored.has("expiresAt") ? Instant.parse(stored.get("expiresAt").asText()) : null;
        boolean deletions = stored.path("notificationTrigger").toString().contains("entityDeleted");
        List<String> contextUrls = new ArrayList<>();
        stored.path("contextUrls").forEach(u -> contextUrls.add(u.asText()));
        var delivery = new Subscription.Delivery(URI.create(n.path("endpoint").path("uri").asText()), names(n.get("attributes")),
                Format.fromOptions(n.path("format").asText("normalized"), Set.of()), n.path("endpoint").path("accept").asText(LdExchange.JSON), contextUrls);
        return new Subscription(id(), tenant(), selectors, names(stored.get("watchedAttributes")), q, geo, throttling, expiresAt,
                stored.path("isActive").asBoolean(true), delivery, deletions);
    }

    /** The subscription as NGSI-LD shows it, compacted with the caller's context. */
    ObjectNode asRequest(LdContext ctx) {
        ObjectNode out = Json.NODES.objectNode().put("id", id()).put("type", "Subscription");
        copyText(stored, out, "subscriptionName", "description");
        ArrayNode entities = Json.NODES.arrayNode();
        for (JsonNode s : stored.path("entities")) {
            ObjectNode o = entities.addObject();
            if (s.has("id")) o.put("id", s.get("id").asText());
            if (s.has("idPattern")) o.put("idPattern", s.get("idPattern").asText());
            o.put("type", ctx.compact(s.get("type").asText()));
        }
        if (!entities.isEmpty()) out.set("entities", entities);
        if (stored.has("watchedAttributes")) out.set("watchedAttributes", compactNames(stored.get("watchedAttributes"), ctx));
        if (stored.has("q")) out.put("q", stored.get("q").asText());
        if (stored.has("geoQ")) {
            JsonNode g = stored.get("geoQ");
            ObjectNode geo = out.putObject("geoQ").put("georel", g.get("georel").asText()).put("geometry", g.get("geometry").asText());
            try {
                geo.set("coordinates", Json.MAPPER.readTree(g.get("coordinates").asText()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            geo.put("geoproperty", ctx.compact(g.get("geoproperty").asText()));
        }
        JsonNode n = stored.get("notification");
        ObjectNode notification = out.putObject("notification");
        if (n.has("attributes")) notification.set("attributes", compactNames(n.get("attributes"), ctx));
        notification.put("format", n.get("format").asText());
        notification.set("endpoint", n.get("endpoint").deepCopy());
        if (stored.has("throttling")) out.put("throttling", stored.get("throttling").asDouble());
        if (stored.has("expiresAt")) out.put("expiresAt", stored.get("expiresAt").asText());
        if (stored.has("notificationTrigger")) out.set("notificationTrigger", stored.get("notificationTrigger"));
        out.put("isActive", stored.path("isActive").asBoolean(true));
        return out;
    }

    private static String coordinates(JsonNode c) {
        if (c == null) return null;
        return c.isTextual() ? c.asText() : c.toString();
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

    private static ArrayNode expandNames(JsonNode names, LdContext ctx, String what) {
        if (!names.isArray() || names.isEmpty()) throw ProblemException.badData(what + " must be a non-empty array of names");
        ArrayNode out = Json.NODES.arrayNode();
        names.forEach(n -> out.add(ctx.expand(n.asText())));
        return out;
    }

    /** An array of names, taken as they are. */
    private static ArrayNode textArray(JsonNode names, String what) {
        if (!names.isArray()) throw ProblemException.badData(what + " must be an array of names");
        for (JsonNode n : names) if (!n.isTextual()) throw ProblemException.badData(what + " must be an array of names");
        return (ArrayNode) names;
    }

    private static ArrayNode compactNames(JsonNode names, LdContext ctx) {
        ArrayNode out = Json.NODES.arrayNode();
        names.forEach(n -> out.add(ctx.compact(n.asText())));
        return out;
    }

    private static Set<String> names(JsonNode array) {
        if (array == null) return null;
        Set<String> out = new LinkedHashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void copyText(JsonNode from, ObjectNode to, String... names) {
        for (String name : names) if (from.hasNonNull(name)) to.put(name, from.get(name).asText());
    }

    private static String text(JsonNode node, String name) {
        return node.hasNonNull(name) ? node.get(name).asText() : null;
    }
}
