package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.api.common.Requests;
import io.city4d.core.model.Json;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** JSON-LD content negotiation of NGSI-LD: where the @context comes from on input, and how it goes out. */
final class LdExchange {
    static final String JSON = "application/json";
    static final String LD_JSON = "application/ld+json";
    static final String GEO_JSON = "application/geo+json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final Set<String> BODY_TYPES = Set.of(JSON, LD_JSON);
    static final Set<String> PATCH_TYPES = Set.of(JSON, LD_JSON, MERGE_PATCH);
    private static final io.helidon.http.HeaderName PREFER = io.helidon.http.HeaderNames.create("Prefer");
    private static final String LINK_REL = "rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"";

    private final ContextResolver contexts;

    LdExchange(ContextResolver contexts) {
        this.contexts = contexts;
    }

    ContextResolver contexts() { return contexts; }

    /** A JSON body with its active context: from @context for application/ld+json, else from the Link header. */
    Body body(ServerRequest req, Set<String> accepted) {
        String type = Requests.requireContentType(req, accepted);
        JsonNode json = Requests.json(req);
        return new Body(json, contextOf(req, type, json));
    }

    LdContext contextOf(ServerRequest req, String contentType, JsonNode json) {
        if (LD_JSON.equals(contentType)) {
            if (req.headers().contains(HeaderNames.LINK)) throw ProblemException.badData("application/ld+json bodies carry @context; a Link header is not allowed");
            JsonNode ctx = json.isArray() ? (json.isEmpty() ? null : json.get(0).get("@context")) : json.get("@context");
            if (ctx == null) throw ProblemException.badData("an application/ld+json body needs an @context");
            return contexts.resolve(ctx);
        }
        if (json.isObject() && json.has("@context")) throw ProblemException.badData("@context in the body needs Content-Type application/ld+json");
        return linkContext(req);
    }

    /** The context of a request without a body (GET, DELETE): the Link header, or the core context. */
    LdContext linkContext(ServerRequest req) {
        return contexts.fromLinkHeader(req.headers().first(HeaderNames.LINK).orElse(null));
    }

    /** The response media type the client accepts: JSON, JSON-LD or (when allowed) GeoJSON, by weight and then in that order; 406 otherwise. */
    String accepted(ServerRequest req, boolean geoJsonAllowed) {
        String accept = req.headers().first(HeaderNames.ACCEPT).orElse("*/*");
        String chosen = AcceptHeader.choose(accept, geoJsonAllowed ? List.of(JSON, LD_JSON, GEO_JSON) : List.of(JSON, LD_JSON));
        if (chosen == null) {
            throw new ProblemException(ProblemType.NOT_ACCEPTABLE, "Accept must allow application/json or application/ld+json" + (geoJsonAllowed ? " or application/geo+json" : ""));
        }
        return chosen;
    }

    /**
     * Sends a GeoJSON Feature or FeatureCollection with the context as its {@code @context} member (clause 6.3.15), or
     * in a Link header when the client prefers plain GeoJSON ({@code Prefer: body=json}).
     */
    void sendGeoJson(ServerRequest req, ServerResponse res, ObjectNode body, LdContext context) {
        boolean plain = req.headers().all(PREFER, List::of).stream().anyMatch(p -> p.replace(" ", "").toLowerCase(Locale.ROOT).contains("body=json"));
        if (plain) {
            send(res, 200, body, context, GEO_JSON);
            return;
        }
        body.set("@context", contextValue(context));
        res.status(200).header(HeaderNames.CONTENT_TYPE, GEO_JSON);
        res.send(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Sends an object or an array of objects, with the context as a Link header (JSON) or in each object (JSON-LD). */
    void send(ServerResponse res, int status, JsonNode body, LdContext context, String mediaType) {
        res.status(status);
        if (LD_JSON.equals(mediaType)) {
            JsonNode ctx = contextValue(context);
            if (body.isArray()) body.forEach(n -> { if (n.isObject()) ((ObjectNode) n).set("@context", ctx); });
            else if (body.isObject()) ((ObjectNode) body).set("@context", ctx);
            res.header(HeaderNames.CONTENT_TYPE, LD_JSON);
        } else {
            res.header(HeaderNames.CONTENT_TYPE, mediaType);
            res.headers().add(HeaderNames.LINK, linkHeader(context));
        }
        res.send(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The Link header value naming a context's first URL (for the core context, the core context). */
    static String linkHeader(LdContext context) {
        return "<" + context.urls().get(0) + ">; " + LINK_REL;
    }

    private static JsonNode contextValue(LdContext context) {
        if (context.urls().size() == 1) return Json.NODES.textNode(context.urls().get(0));
        ArrayNode urls = Json.NODES.arrayNode();
        context.urls().forEach(urls::add);
        return urls;
    }

    record Body(JsonNode json, LdContext context) {}
}
