package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.ContextTerms;
import io.city4d.core.model.CoreContext;
import io.city4d.core.model.Json;
import io.city4d.core.model.Times;
import io.city4d.core.model.Vocabulary;
import io.city4d.core.port.DocumentStore;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.security.AddressPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Builds active contexts from @context values and Link headers. The core context is bundled; contexts stored through
 * /jsonldContexts are served locally; remote contexts are fetched once with timeouts, only from the hosts the
 * {@link AddressPolicy} allows, and cached. A context that cannot be had yields 503 LdContextNotAvailable, never a
 * hang; one whose host may not be asked, 400 BadRequestData; a hosted one that does not exist, 404.
 */
public final class ContextResolver implements AutoCloseable {
    public static final String STORED = "jsonld-contexts";
    // the members of a stored context beside its body
    static final String OWNER = "tenant";
    static final String CREATED = "createdAt";
    static final String KIND = "kind";
    static final String HOSTED = "Hosted";
    static final String IMPLICIT = "ImplicitlyCreated";
    static final String HOSTED_PATH = NgsiLdApi.PREFIX + "/jsonldContexts/";
    private static final int MAX_DEPTH = 8;
    private static final Duration RETRY_FAILED_AFTER = Duration.ofSeconds(30);

    private static final java.util.regex.Pattern CORE_CONTEXT = java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(Vocabulary.NGSI_LD + "v1/ngsi-ld-core-context") + "(-v1\\.[0-9]+)?\\.jsonld");
    private final JsonNode coreContext;
    private final LdContext core;
    private final Instant startedAt = Instant.now();
    private final DocumentStore documents;
    private final Supplier<String> publicBaseUrl;
    private final RemoteContexts remote;
    // Bounded, so that callers sending ever new contexts cannot grow the heap.
    private final CachedContexts cached = new CachedContexts(256);
    private final Map<String, LdContext> activeCache = lru(1024);
    // A context that could not be loaded is not asked for again for a while: each request would wait for the timeout.
    private final Map<String, Failure> recentFailures = lru(256);

    /**
     * @param publicBaseUrl how clients reach this server (e.g. http://localhost:8080), asked when needed: the port is
     *                      known only once the server listens
     */
    public ContextResolver(DocumentStore documents, Supplier<String> publicBaseUrl, AddressPolicy remoteHosts) {
        this.documents = documents;
        this.publicBaseUrl = publicBaseUrl;
        this.remote = new RemoteContexts(remoteHosts);
        this.coreContext = CoreContext.document();
        this.core = new LdContext(CoreContext.terms(), List.of(Vocabulary.CORE_CONTEXT_URL));
    }

    public LdContext core() { return core; }

    public JsonNode coreContextDocument() { return coreContext; }

    /** Since when the bundled core context has been cached. */
    Instant startedAt() { return startedAt; }

    /** The active context for a @context value (string, object or array), with the core context applied last. */
    public LdContext resolve(JsonNode contextValue) {
        if (contextValue == null || contextValue.isNull()) return core;
        // Built outside the map: building may fetch a remote context, which must not block other callers.
        String key = contextValue.toString();
        LdContext active = activeCache.get(key);
        if (active == null) {
            active = build(contextValue);
            activeCache.put(key, active);
        }
        countUse(contextValue);
        return active;
    }

    /** numberOfHits of the cached contexts a request names itself (those they import are not used by the request). */
    private void countUse(JsonNode contextValue) {
        if (contextValue.isTextual()) cached.hit(contextValue.asText());
        else if (contextValue.isArray()) contextValue.forEach(c -> { if (c.isTextual()) cached.hit(c.asText()); });
    }

    CachedContexts cached() { return cached; }

    /** The URL under which hosted contexts are served, e.g. http://host:port/ngsi-ld/v1/jsonldContexts/. */
    String localPrefix() { return publicBaseUrl.get() + HOSTED_PATH; }

    /** Stores a context document that City4D hosts for a tenant, of kind Hosted or ImplicitlyCreated. */
    void host(String tenant, String id, JsonNode document, String kind) {
        ObjectNode stored = Json.NODES.objectNode().put(OWNER, tenant)
                .put(CREATED, Times.format(Instant.now())).put(KIND, kind);
        stored.set("body", document);
        documents.put(STORED, "", id, stored);
    }

    /**
     * The URL of the ImplicitlyCreated context that stands for a compound @context (an object, or an array of more
     * than one context) of a tenant's request, so that one URL names it (clause 5.13.1); null for a single URL or none.
     * The id comes from the tenant and the @context: the same compound context gets the same one.
     */
    String implicitUrl(String tenant, JsonNode context) {
        String id = implicitId(tenant, context);
        return id == null ? null : localPrefix() + id;
    }

    /** Hosts the ImplicitlyCreated context of {@link #implicitUrl}; true when it was not there yet. */
    boolean hostImplicitly(String tenant, JsonNode context) {
        String id = implicitId(tenant, context);
        if (id == null || documents.get(STORED, "", id, unreadable -> { }).isPresent()) return false;
        host(tenant, id, Json.NODES.objectNode().set("@context", context), IMPLICIT);
        return true;
    }

    void unhostImplicitly(String tenant, JsonNode context) {
        String id = implicitId(tenant, context);
        if (id != null) documents.delete(STORED, "", id);
    }

    private static String implicitId(String tenant, JsonNode context) {
        boolean compound = context != null && (context.isObject() || context.isArray() && (context.size() > 1 || context.size() == 1 && !context.get(0).isTextual()));
        if (!compound) return null;
        return UUID.nameUUIDFromBytes((tenant + "\n" + context).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Forgets a cached context: the next request naming it fetches it again. */
    boolean forget(String url) {
        boolean removed = cached.remove(url);
        if (removed) activeCache.clear();
        return removed;
    }

    /**
     * Fetches a cached context again (clause 5.13.5); when that fails the cached one stays, and the failure is the
     * request's answer.
     */
    void reload(String url) {
        JsonNode fetched = remote.fetch(url);
        cached.put(url, fetched);
        recentFailures.remove(url);
        activeCache.clear();
    }

    /** A map that keeps the capacity most recently used entries, safe to share between threads. */
    static <V> Map<String, V> lru(int capacity) {
        return java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        });
    }

    /** The active context from a Link header value, or the core context when there is none. */
    public LdContext fromLinkHeader(String link) {
        if (link == null || link.isBlank()) return core;
        int lt = link.indexOf('<');
        int gt = link.indexOf('>', lt + 1);
        if (lt < 0 || gt < 0) throw ProblemException.badData("the Link header is malformed");
        if (!link.contains("http://www.w3.org/ns/json-ld#context")) throw ProblemException.badData("the Link header must have rel=\"http://www.w3.org/ns/json-ld#context\"");
        return resolve(Json.NODES.textNode(link.substring(lt + 1, gt).trim()));
    }

    private LdContext build(JsonNode contextValue) {
        Map<String, String> terms = new LinkedHashMap<>(CoreContext.terms());
        List<String> urls = new ArrayList<>();
        List<String> reached = new ArrayList<>();
        apply(contextValue, terms, urls, reached, 0);
        // The core context's terms win: NGSI-LD says they cannot be overridden.
        terms.putAll(CoreContext.terms());
        // Named once: beside a context that already imports it, the core context would be said twice.
        if (reached.stream().noneMatch(ContextResolver::isCore)) urls.add(Vocabulary.CORE_CONTEXT_URL);
        return new LdContext(terms, urls);
    }

    /** Collects the terms, the URLs a response names (those at the top) and every URL reached, imports included. */
    private void apply(JsonNode value, Map<String, String> terms, List<String> urls, List<String> reached, int depth) {
        if (depth > MAX_DEPTH) throw ProblemException.badData("@context nests too deeply");
        if (value.isArray()) {
            for (JsonNode v : value) apply(v, terms, urls, reached, depth + 1);
        } else if (value.isTextual()) {
            String url = value.asText();
            if (depth == 0 || depth == 1) urls.add(url);
            reached.add(url);
            if (isCore(url)) return;
            JsonNode doc = load(url);
            apply(doc.has("@context") ? doc.get("@context") : doc, terms, urls, reached, depth + 1);
        } else if (value.isObject()) {
            ContextTerms.collect(value, terms);
        } else {
            throw ProblemException.badData("@context must be a URL, an object or an array of them");
        }
    }

    /** The core context of a published version (or the unversioned name), bundled; any other name there is fetched, and is not found. */
    private static boolean isCore(String url) {
        return CORE_CONTEXT.matcher(url).matches();
    }

    private JsonNode load(String url) {
        JsonNode hosted = hosted(url);
        if (hosted != null) return hosted;
        // not a context that cannot be had for now (503), but one that is not there: no retry will find it
        String localPrefix = localPrefix();
        if (url.startsWith(localPrefix)) {
            throw ProblemException.notFound("the @context " + url + " is not hosted here: there is no hosted @context '" + url.substring(localPrefix.length()) + "'");
        }
        JsonNode known = cached.document(url).orElse(null);
        if (known != null) return known;
        Failure failed = recentFailures.get(url);
        if (failed != null && System.nanoTime() - failed.at() < RETRY_FAILED_AFTER.toNanos()) throw failed.problem();
        try {
            JsonNode fetched = remote.fetch(url);
            cached.put(url, fetched);
            return fetched;
        } catch (ProblemException e) {
            recentFailures.put(url, new Failure(e, System.nanoTime()));
            throw e;
        }
    }

    /**
     * A context that City4D hosts itself, read from the store rather than fetched: whatever host name the URL uses
     * for this server (behind a proxy, on 0.0.0.0), its path names the hosted context.
     */
    private JsonNode hosted(String url) {
        String path;
        try {
            path = java.net.URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (path == null || !path.startsWith(HOSTED_PATH)) return null;
        String id = path.substring(HOSTED_PATH.length());
        if (ContextRoutes.CORE_ID.equals(id)) return coreContext;
        // one whose stored text cannot be read is not hosted: it is not found
        return documents.get(STORED, "", id, unreadable -> { }).map(d -> d.get("body")).orElse(null);
    }

    @Override
    public void close() {
        remote.close();
    }

    private record Failure(ProblemException problem, long at) {}
}
