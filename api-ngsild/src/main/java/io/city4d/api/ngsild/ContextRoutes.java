package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.api.common.Authentication;
import io.city4d.api.common.Requests;
import io.city4d.core.model.Json;
import io.city4d.core.model.Times;
import io.city4d.core.model.Vocabulary;
import io.city4d.core.port.DocumentStore;
import io.city4d.core.problem.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Set;
import java.util.UUID;

/**
 * /jsonldContexts: contexts hosted by City4D itself, so clients and the broker need no internet (clause 6.29). One
 * context is served to anyone by its URL, as JSON-LD processors fetch it without credentials; the listing and the
 * changes need a credential, and see only the contexts of the request's tenant (the one that added them).
 */
final class ContextRoutes implements HttpService {
    static final String CORE_ID = "core";
    private static final String CREATED = ContextResolver.CREATED;
    private static final String HOSTED = ContextResolver.HOSTED;
    private static final String CACHED = "Cached";
    private static final Set<String> KINDS = Set.of(HOSTED, CACHED, ContextResolver.IMPLICIT);
    private final DocumentStore documents;
    private final ContextResolver resolver;

    ContextRoutes(DocumentStore documents, ContextResolver resolver) {
        this.documents = documents;
        this.resolver = resolver;
    }

    @Override
    public void routing(HttpRules rules) {
        // {+id}: a context is also named by its whole URL, percent-encoded, whose slashes arrive decoded
        rules.get("/", this::list).post("/", this::add).get("/{+id}", this::get).delete("/{+id}", this::delete);
    }

    /** The contexts, as URLs or (details=true) ContextInfo objects (clause 5.2.41); kind picks Hosted or Cached ones. */
    private void list(ServerRequest req, ServerResponse res) {
        Authentication.requireRead(req);
        String tenant = Requests.tenant(req);
        boolean details = details(req);
        String kind = Requests.param(req, "kind");
        if (kind != null && !KINDS.contains(kind)) throw ProblemException.badData("kind must be Hosted, Cached or ImplicitlyCreated: " + kind);
        ArrayNode out = Json.NODES.arrayNode();
        if (kind == null || kind.equals(CACHED)) {
            out.add(details ? coreInfo() : Json.NODES.textNode(Vocabulary.CORE_CONTEXT_URL));
            resolver.cached().all().forEach(c -> out.add(details ? info(c) : Json.NODES.textNode(c.url())));
        }
        if (!CACHED.equals(kind)) {
            String localPrefix = resolver.localPrefix();
            // one whose stored text cannot be read is left out
            documents.list(ContextResolver.STORED, "", 10_000, unreadable -> { }).stream()
                    .filter(d -> owner(d.body()).equals(tenant) && (kind == null || kind.equals(kind(d.body()))))
                    .forEach(d -> out.add(details ? hostedInfo(d.id(), d.body()) : Json.NODES.textNode(localPrefix + d.id())));
        }
        res.header(HeaderNames.CONTENT_TYPE, LdExchange.JSON).send(out.toString());
    }

    private static boolean details(ServerRequest req) {
        String details = Requests.param(req, "details");
        if (details == null || details.equals("false")) return false;
        if (details.equals("true")) return true;
        throw ProblemException.badData("details must be true or false: " + details);
    }

    private static ObjectNode info(String url, String localId, String kind, String createdAt) {
        ObjectNode info = Json.NODES.objectNode().put("URL", url);
        if (localId != null) info.put("localId", localId);
        info.put("kind", kind);
        if (createdAt != null) info.put("createdAt", createdAt);
        return info;
    }

    /** The bundled core context, cached since the server started. */
    private ObjectNode coreInfo() {
        return info(Vocabulary.CORE_CONTEXT_URL, CORE_ID, CACHED, Times.format(resolver.startedAt()));
    }

    private ObjectNode hostedInfo(String id, JsonNode stored) {
        return info(resolver.localPrefix() + id, id, kind(stored), stored.path(CREATED).asText(null));
    }

    private static ObjectNode info(CachedContexts.Entry cached) {
        ObjectNode info = info(cached.url(), cached.localId(), CACHED, Times.format(cached.createdAt()));
        if (cached.lastUsage() != null) info.put("lastUsage", Times.format(cached.lastUsage()));
        return info.put("numberOfHits", cached.hits());
    }

    private void add(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = Requests.tenant(req);
        Requests.requireContentType(req, Set.of(LdExchange.JSON, LdExchange.LD_JSON));
        JsonNode body = Requests.json(req);
        if (!body.isObject() || !body.has("@context")) throw ProblemException.badData("a context document is an object with @context");
        JsonNode context = body.get("@context");
        boolean wellFormed = context.isObject() || context.isTextual()
                || context.isArray() && java.util.stream.StreamSupport.stream(context.spliterator(), false).allMatch(c -> c.isObject() || c.isTextual());
        if (!wellFormed) throw ProblemException.badData("@context is an object, a URL or an array of them");
        String id = UUID.randomUUID().toString();
        resolver.host(tenant, id, body, HOSTED);
        // Relative, as the spec's examples (clause 6.29.3.2) write it; the context's URL is localPrefix + id.
        res.status(201).header(HeaderNames.LOCATION, ContextResolver.HOSTED_PATH + id).send();
    }

    private void get(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        boolean details = details(req);
        if (isCore(id)) {
            send(res, details ? coreInfo() : resolver.coreContextDocument());
            return;
        }
        java.util.Optional<JsonNode> stored = hosted(id).filter(d -> req.headers().first(Requests.TENANT).map(t -> t.equals(owner(d))).orElse(true));
        if (stored.isPresent()) {
            send(res, details ? hostedInfo(id, stored.get()) : stored.get().get("body"));
            return;
        }
        CachedContexts.Entry cached = resolver.cached().find(id).orElseThrow(() -> ProblemException.notFound("no @context " + id));
        // numberOfHits counts the uses before this one
        send(res, details ? info(cached) : cached.document());
        cached.hit();
    }

    private static void send(ServerResponse res, JsonNode body) {
        res.header(HeaderNames.CONTENT_TYPE, LdExchange.JSON).send(body.toString());
    }

    /** A hosted context; one whose stored text cannot be read is not served (as the listing leaves it out). */
    private java.util.Optional<JsonNode> hosted(String id) {
        return documents.get(ContextResolver.STORED, "", id, unreadable -> {
            throw ProblemException.notFound("the hosted @context " + id + " cannot be read");
        });
    }

    /** Deletes a hosted context of the tenant or a cached one; reload (clause 5.13.5) fetches a cached one again instead. */
    private void delete(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = Requests.tenant(req);
        String id = req.path().pathParameters().get("id");
        String reloadParam = Requests.param(req, "reload");
        if (reloadParam != null && !reloadParam.equals("false") && !reloadParam.equals("true")) throw ProblemException.badData("reload must be true or false: " + reloadParam);
        boolean reload = "true".equals(reloadParam);
        if (isCore(id)) {
            // bundled with City4D: reloading it gives the same document again
            if (!reload) throw ProblemException.badData("the core context cannot be deleted");
            res.status(204).send();
            return;
        }
        java.util.Optional<CachedContexts.Entry> cached = resolver.cached().find(id);
        if (cached.isPresent()) {
            if (reload) resolver.reload(cached.get().url());
            else resolver.forget(cached.get().url());
            res.status(204).send();
            return;
        }
        if (reload) throw ProblemException.badData("reload=true applies to cached contexts; this one is hosted or not known");
        boolean owned = hosted(id).map(d -> owner(d).equals(tenant)).orElse(false);
        if (!owned || !documents.delete(ContextResolver.STORED, "", id)) throw ProblemException.notFound("no such @context");
        res.status(204).send();
    }

    private static boolean isCore(String id) {
        return CORE_ID.equals(id) || Vocabulary.CORE_CONTEXT_URL.equals(id);
    }

    /** The tenant that added a stored context; those from before tenants were recorded belong to the default tenant. */
    private static String owner(JsonNode stored) {
        return stored.path(ContextResolver.OWNER).asText("");
    }

    /** Hosted or ImplicitlyCreated; those from before kinds were recorded are hosted. */
    private static String kind(JsonNode stored) {
        return stored.path(ContextResolver.KIND).asText(HOSTED);
    }
}
