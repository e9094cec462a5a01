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

    /** The response media type the client accepts: JSON, JSON-LD or (when allowed) GeoJSON; 406 otherwise. */
    String accepted(ServerRequest req, boolean geoJsonAllowed) {
        String accept = req.headers().first(HeaderNames.ACCEPT).orElse("*/*").toLowerCase(Locale.ROOT);
        for (String part : accept.split(",")) {
            String type = part.split(";", 2)[0].trim();
            switch (type) {
                case JSON, "*/*", "application/*" -> { return JSON; }
                case LD_JSON -> { return LD_JSON; }
                case GEO_JSON -> {
                    if (geoJsonAllowed) return GEO_JSON;
                }
                default -> { }
            }
        }
        throw new ProblemException(ProblemType.NOT_ACCEPTABLE, "Accept must allow application/json or application/ld+json" + (geoJsonAllowed ? " or application/geo+json" : ""));
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
