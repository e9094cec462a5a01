package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.EntityIds;
import io.city4d.core.model.Json;
import io.city4d.core.model.Times;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.query.GeoQuery;
import io.city4d.core.query.QExpr;
import io.city4d.core.query.QueryParser;
import io.city4d.core.query.ScopeQuery;
import io.city4d.core.subscription.Subscription;
import io.city4d.core.subscription.Trigger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
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
    static SubscriptionDocument fromRequest(JsonNode body, LdContext ctx, String tenant, ContextResolver contexts, Instant now) {
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
            // a type expression (clause 4.17) names several types: stored as their array, one selector each
            Set<String> types = QueryParams.typeSet(sel.get("type").asText(), ctx);
            if (types.size() == 1) s.put("type", types.iterator().next());
            else types.forEach(s.withArray("type")::add);
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
        if (body.has("scopeQ")) {
            if (!body.get("scopeQ").isTextual()) throw ProblemException.badData("scopeQ must be a query string (clause 4.19)");
            ScopeQuery.parse(body.get("scopeQ").asText());
            doc.put("scopeQ", body.get("scopeQ").asText());
        }
        if (body.has("csf")) {
            // a context source filter (clause 4.9 syntax): kept and shown, with no effect while City4D has no context sources
            if (!body.get("csf").isTextual()) throw ProblemException.badData("csf must be a query string");
            SubscriptionLimits.checkQ(body.get("csf").asText());
            QueryParser.parse(body.get("csf").asText());
            doc.put("csf", body.get("csf").asText());
        }
        if (body.has("geoQ")) {
            JsonNode g = body.get("geoQ");
            String geoproperty = g.hasNonNull("geoproperty") ? ctx.expand(g.get("geoproperty").asText()) : GeoQuery.DEFAULT_PROPERTY;
            SubscriptionLimits.checkCoordinates(g.get("coordinates"));
            GeoQuery.parse(g.path("georel").asText(null), g.path("geometry").asText(null), g.has("coordinates") ? coordinates(g.get("coordinates")) : null, geoproperty);
            doc.putObject("geoQ").put("georel", g.get("georel").asText()).put("geometry", g.get("geometry").asText())
                    .put("coordinates", coordinates(g.get("coordinates"))).put("geoproperty", geoproperty);
        }
        doc.set("notification", NotificationParams.fromRequest(body.get("notification"), ctx));
        ArrayNode contextUrls = doc.putArray("contextUrls");
        if (body.hasNonNull("jsonldContext")) {
            // the context notifications are compacted with, instead of the request's (clause 5.2.12)
            String url = body.get("jsonldContext").asText();
            if (!body.get("jsonldContext").isTextual() || !isAbsoluteUri(url)) throw ProblemException.badData("jsonldContext must be the URI of a JSON-LD context");
            contexts.resolve(Json.NODES.textNode(url));
            doc.put("jsonldContext", url);
            contextUrls.add(url);
        } else {
            // a compound @context is hosted as one, which notifications name (see SubscriptionRoutes)
            String implicit = contexts.implicitUrl(tenant, body.get("@context"));
            if (implicit != null) {
                doc.put("jsonldContext", implicit);
                contextUrls.add(implicit);
            } else {
                ctx.urls().forEach(contextUrls::add);
            }
        }
        if (body.has("timeInterval")) {
            JsonNode t = body.get("timeInterval");
            if (!t.isNumber() || t.asDouble() < 1) throw ProblemException.badData("timeInterval must be a number of seconds, 1 or more");
            if (doc.has("watchedAttributes")) throw ProblemException.badData("timeInterval and watchedAttributes exclude each other: a subscription is periodic or on change");
            doc.put("timeInterval", t.asDouble());
        }
        if (body.has("throttling")) {
            JsonNode t = body.get("throttling");
            if (!t.isNumber() || t.asDouble() < 0) throw ProblemException.badData("throttling must be a non-negative number of seconds");
            doc.put("throttling", t.asDouble());
        }
        if (body.hasNonNull("expiresAt")) {
            Instant expiresAt = Times.parse(body.get("expiresAt").asText(), "expiresAt");
            if (!expiresAt.isAfter(now)) throw ProblemException.badData("expiresAt must be in the future: " + body.get("expiresAt").asText());
            doc.put("expiresAt", Times.format(expiresAt));
        }
        if (body.has("isActive")) {
            if (!body.get("isActive").isBoolean()) throw ProblemException.badData("isActive must be true or false");
            doc.put("isActive", body.get("isActive").asBoolean());
        }
        if (body.has("notificationTrigger")) doc.set("notificationTrigger", triggers(body.get("notificationTrigger")));
        if (body.hasNonNull("datasetId")) doc.set("datasetId", datasetIds(body.get("datasetId")));
        SubscriptionLimits.checkStored(doc);
        return new SubscriptionDocument(doc);
    }

    /** Applies a PATCH: the members given replace the stored ones, re-validated as a whole. */
    SubscriptionDocument patched(JsonNode patch, LdContext ctx, ContextResolver contexts, Instant now) {
        ObjectNode request = asRequest(ctx);
        for (Map.Entry<String, JsonNode> f : patch.properties()) {
            if (!f.getKey().equals("@context") && !f.getKey().equals("id")) request.set(f.getKey(), f.getValue());
        }
        // a stored expiresAt that has passed since is no reason to refuse a patch of something else
        return fromRequest(request, ctx, tenant(), contexts, patch.has("expiresAt") ? now : Instant.MIN);
    }

    String id() { return stored.get("id").asText(); }

    String tenant() { return stored.get("tenant").asText(); }

    Subscription compile() {
        List<Subscription.Selector> selectors = new ArrayList<>();
        for (JsonNode s : stored.path("entities")) {
            if (!s.path("type").isArray()) selectors.add(new Subscription.Selector(text(s, "id"), text(s, "idPattern"), text(s, "type")));
            else s.get("type").forEach(type -> selectors.add(new Subscription.Selector(text(s, "id"), text(s, "idPattern"), type.asText())));
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
        Duration throttling = stored.has("throttling") ? Duration.ofMillis((long) (stored.get("throttling").asDouble() * 1000)) : null;
        Instant expiresAt = stored.has("expiresAt") ? Instant.parse(stored.get("expiresAt").asText()) : null;
        Set<Trigger> triggers = EnumSet.noneOf(Trigger.class);
        stored.path("notificationTrigger").forEach(t -> triggers.add(Trigger.of(t.asText())));
        List<String> contextUrls = new ArrayList<>();
        stored.path("contextUrls").forEach(u -> contextUrls.add(u.asText()));
        ScopeQuery scopeQ = stored.has("scopeQ") ? ScopeQuery.parse(stored.get("scopeQ").asText()) : null;
        return new Subscription(id(), tenant(), selectors, names(stored.get("watchedAttributes")), q, geo, scopeQ, throttling, expiresAt,
                stored.path("isActive").asBoolean(true), NotificationParams.delivery(stored.get("notification"), contextUrls, names(stored.get("datasetId"))), triggers,
                stored.has("timeInterval") ? Duration.ofMillis((long) (stored.get("timeInterval").asDouble() * 1000)) : null);
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
            List<String> types = new ArrayList<>();
            if (s.get("type").isArray()) s.get("type").forEach(t -> types.add(ctx.compact(t.asText())));
            else types.add(ctx.compact(s.get("type").asText()));
            o.put("type", String.join("|", types));
        }
        if (!entities.isEmpty()) out.set("entities", entities);
        if (stored.has("watchedAttributes")) out.set("watchedAttributes", compactNames(stored.get("watchedAttributes"), ctx));
        if (stored.has("q")) out.put("q", stored.get("q").asText());
        if (stored.has("scopeQ")) out.put("scopeQ", stored.get("scopeQ").asText());
        if (stored.has("csf")) out.put("csf", stored.get("csf").asText());
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
        out.set("notification", NotificationParams.asRequest(stored.get("notification"), ctx));
        if (stored.has("throttling")) out.put("throttling", stored.get("throttling").asDouble());
        if (stored.has("timeInterval")) out.set("timeInterval", number(stored.get("timeInterval").asDouble()));
        if (stored.has("expiresAt")) out.put("expiresAt", stored.get("expiresAt").asText());
        ArrayNode triggers = out.putArray("notificationTrigger");
        if (stored.has("notificationTrigger")) triggers.addAll((ArrayNode) stored.get("notificationTrigger"));
        else Trigger.DEFAULT.forEach(t -> triggers.add(t.ngsiName()));
        if (stored.has("jsonldContext")) out.put("jsonldContext", stored.get("jsonldContext").asText());
        if (stored.has("datasetId")) out.set("datasetId", stored.get("datasetId").deepCopy());
        if (stored.has("isActive")) out.put("isActive", stored.get("isActive").asBoolean());
        return out;
    }

    private static String coordinates(JsonNode c) {
        if (c == null) return null;
        return c.isTextual() ? c.asText() : c.toString();
    }

    /** A whole number of seconds as it was given (5, not 5.0). */
    private static JsonNode number(double seconds) {
        return seconds == Math.rint(seconds) ? Json.NODES.numberNode((long) seconds) : Json.NODES.numberNode(seconds);
    }

    private static boolean isAbsoluteUri(String text) {
        try {
            return URI.create(text).isAbsolute();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static ArrayNode expandNames(JsonNode names, LdContext ctx, String what) {
        if (!names.isArray() || names.isEmpty()) throw ProblemException.badData(what + " must be a non-empty array of names");
        ArrayNode out = Json.NODES.arrayNode();
        names.forEach(n -> out.add(ctx.expand(n.asText())));
        return out;
    }

    /** datasetId: the attribute instances notifications show (clause 5.2.12), a URI or "@none" or a non-empty array of them. */
    private static ArrayNode datasetIds(JsonNode given) {
        ArrayNode ids = given.isArray() ? (ArrayNode) given : Json.NODES.arrayNode().add(given);
        if (ids.isEmpty()) throw ProblemException.badData("datasetId must be a URI or a non-empty array of URIs (\"@none\" for the default instances)");
        for (JsonNode id : ids) {
            if (!id.isTextual()) throw ProblemException.badData("datasetId must be a URI or an array of URIs: " + id);
            if (!id.asText().equals("@none")) EntityIds.requireUri(id.asText(), "datasetId");
        }
        return ids;
    }

    /** notificationTrigger: a non-empty array of the trigger names of clause 5.2.12. */
    private static ArrayNode triggers(JsonNode names) {
        if (!names.isArray() || names.isEmpty()) throw ProblemException.badData("notificationTrigger must be a non-empty array of trigger names");
        for (JsonNode n : names) {
            if (!n.isTextual() || Trigger.of(n.asText()) == null) {
                throw ProblemException.badData("notificationTrigger: " + n + " is not one of entityCreated, entityUpdated, entityDeleted, "
                        + "attributeCreated, attributeUpdated, attributeDeleted");
            }
        }
        return (ArrayNode) names;
    }

    static ArrayNode compactNames(JsonNode names, LdContext ctx) {
        ArrayNode out = Json.NODES.arrayNode();
        names.forEach(n -> out.add(ctx.compact(n.asText())));
        return out;
    }

    static Set<String> names(JsonNode array) {
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
