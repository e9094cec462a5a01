package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Json;
import io.city4d.core.model.Vocabulary;
import io.city4d.core.port.DocumentStore;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds active contexts from @context values and Link headers. The core context is bundled; contexts stored through
 * /jsonldContexts are served locally; remote contexts are fetched once with timeouts and cached. A context that
 * cannot be had yields 503 LdContextNotAvailable, never a hang.
 */
public final class ContextResolver {
    public static final String STORED = "jsonld-contexts";
    private static final int MAX_CONTEXT_BYTES = 1 << 20;
    private static final int MAX_DEPTH = 8;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY_FAILED_AFTER = Duration.ofSeconds(30);

    private final JsonNode coreContext;
    private final LdContext core;
    private final DocumentStore documents;
    private final String localPrefix;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
    // Bounded, so that callers sending ever new contexts cannot grow the heap.
    private final Map<String, JsonNode> remoteCache = lru(256);
    private final Map<String, LdContext> activeCache = lru(1024);
    // A context that could not be loaded is not asked for again for a while: each request would wait for the timeout.
    private final Map<String, Failure> recentFailures = lru(256);

    /** @param localPrefix the URL under which stored contexts are served, e.g. http://host:port/ngsi-ld/v1/jsonldContexts/ */
    public ContextResolver(DocumentStore documents, String localPrefix) {
        this.documents = documents;
        this.localPrefix = localPrefix;
        try (InputStream in = getClass().getResourceAsStream("ngsi-ld-core-context-v1.8.jsonld")) {
            this.coreContext = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> terms = new LinkedHashMap<>();
        LdContext.collectTerms(coreContext.get("@context"), terms);
        this.core = new LdContext(terms, List.of(Vocabulary.CORE_CONTEXT_URL));
    }

    public LdContext core() { return core; }

    public JsonNode coreContextDocument() { return coreContext; }

    /** The active context for a @context value (string, object or array), with the core context applied last. */
    public LdContext resolve(JsonNode contextValue) {
        if (contextValue == null || contextValue.isNull()) return core;
        // Built outside the map: building may fetch a remote context, which must not block other callers.
        String key = contextValue.toString();
        LdContext cached = activeCache.get(key);
        if (cached != null) return cached;
        LdContext built = build(contextValue);
        activeCache.put(key, built);
        return built;
    }

    private static <V> Map<String, V> lru(int capacity) {
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
        Map<String, String> terms = new LinkedHashMap<>();
        LdContext.collectTerms(coreContext.get("@context"), terms);
        List<String> urls = new ArrayList<>();
        apply(contextValue, terms, urls, 0);
        // The core context's terms win: NGSI-LD says they cannot be overridden.
        LdContext.collectTerms(coreContext.get("@context"), terms);
        if (!urls.contains(Vocabulary.CORE_CONTEXT_URL)) urls.add(Vocabulary.CORE_CONTEXT_URL);
        return new LdContext(terms, urls);
    }

    private void apply(JsonNode value, Map<String, String> terms, List<String> urls, int depth) {
        if (depth > MAX_DEPTH) throw ProblemException.badData("@context nests too deeply");
        if (value.isArray()) {
            for (JsonNode v : value) apply(v, terms, urls, depth + 1);
        } else if (value.isTextual()) {
            String url = value.asText();
            if (depth == 0 || depth == 1) urls.add(url);
            if (isCore(url)) return;
            JsonNode doc = load(url);
            apply(doc.has("@context") ? doc.get("@context") : doc, terms, urls, depth + 1);
        } else if (value.isObject()) {
            LdContext.collectTerms(value, terms);
        } else {
            throw ProblemException.badData("@context must be a URL, an object or an array of them");
        }
    }

    private static boolean isCore(String url) {
        return url.startsWith(Vocabulary.NGSI_LD + "v1/ngsi-ld-core-context");
    }

    private JsonNode load(String url) {
        if (url.startsWith(localPrefix)) {
            String id = url.substring(localPrefix.length());
            return documents.get(STORED, "", id).map(d -> d.get("body"))
                    .orElseThrow(() -> new ProblemException(ProblemType.LD_CONTEXT_NOT_AVAILABLE, "no stored @context " + id));
        }
        JsonNode cached = remoteCache.get(url);
        if (cached != null) return cached;
        Failure failed = recentFailures.get(url);
        if (failed != null && System.nanoTime() - failed.at() < RETRY_FAILED_AFTER.toNanos()) throw failed.problem();
        try {
            JsonNode fetched = fetch(url);
            remoteCache.put(url, fetched);
            return fetched;
        } catch (ProblemException e) {
            if (e.type() == ProblemType.LD_CONTEXT_NOT_AVAILABLE) recentFailures.put(url, new Failure(e, System.nanoTime()));
            throw e;
        }
    }

    private record Failure(ProblemException problem, long at) {}

    private JsonNode fetch(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badData("@context URL is not valid: " + url);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new ProblemException(ProblemType.LD_CONTEXT_NOT_AVAILABLE, "only http(s) @context URLs can be loaded: " + url);
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/ld+json, application/json").GET().build();
            HttpResponse<byte[]> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) throw unavailable(url, "status " + response.statusCode());
            if (response.body().length > MAX_CONTEXT_BYTES) throw unavailable(url, "larger than 1 MiB");
            JsonNode doc = Json.MAPPER.readTree(response.body());
            if (doc == null || !doc.isObject()) throw unavailable(url, "not a JSON object");
            return doc;
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw unavailable(url, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(url, "interrupted");
        }
    }

    private static ProblemException unavailable(String url, String why) {
        return new ProblemException(ProblemType.LD_CONTEXT_NOT_AVAILABLE, "the @context " + url + " could not be loaded (" + why + ")");
    }
}
