package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Json;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.security.AddressPolicy;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches remote @context documents over http(s) from the hosts an {@link AddressPolicy} allows, within a time and a
 * size limit. A URL that may not be fetched is the request's fault (400 BadRequestData: no retry makes it work); a
 * context that cannot be had from a host that may be asked is LdContextNotAvailable (504).
 */
final class RemoteContexts implements AutoCloseable {
    static final int MAX_BYTES = 1 << 20;
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Lazy<WebClient> client;
    private final ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor();

    RemoteContexts(AddressPolicy policy) {
        this.client = new Lazy<>(() -> PolicyDnsResolver.guardedClient(policy)
                .connectTimeout(TIMEOUT)
                .readTimeout(TIMEOUT)
                .followRedirects(true)
                .maxRedirects(5)
                .build());
    }

    /** The JSON object at the URL; the whole fetch, redirects included, takes at most {@link #TIMEOUT}. */
    JsonNode fetch(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badData("@context URL is not valid: " + url);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw ProblemException.badData("City4D fetches @context documents only from http(s) URLs with a host, not " + url);
        }
        // On a thread of its own, so that a server trickling its answer is cut off at the deadline (interrupting a
        // virtual thread closes its socket).
        Future<JsonNode> fetch = fetchers.submit(() -> get(uri, url));
        try {
            return fetch.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fetch.cancel(true);
            throw unavailable(url, "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            var refused = PolicyDnsResolver.refusal(e);
            if (refused.isPresent()) {
                throw ProblemException.badData("City4D does not fetch @context documents from " + refused.get().host() + ": " + refused.get().getMessage()
                        + "; an operator can allow the host or its address range with --context-allow");
            }
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof ProblemException p) throw p;
                if (cause instanceof UnknownHostException) {
                    throw new ProblemException(ProblemType.LD_CONTEXT_NOT_AVAILABLE, "the @context host " + uri.getHost() + " cannot be resolved");
                }
            }
            throw unavailable(url, e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            fetch.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable(url, "interrupted");
        }
    }

    private JsonNode get(URI uri, String url) throws IOException {
        try (HttpClientResponse response = client.get().get().uri(uri).header(HeaderNames.ACCEPT, "application/ld+json, application/json").request()) {
            if (response.status().code() != 200) throw unavailable(url, "status " + response.status().code());
            byte[] body;
            try (InputStream in = response.inputStream()) {
                body = in.readNBytes(MAX_BYTES + 1);
            }
            if (body.length > MAX_BYTES) throw unavailable(url, "larger than 1 MiB");
            // what was retrieved is not a context: no retry will make it one (clause 5.5.6), so the request is at fault
            JsonNode doc;
            try {
                doc = Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw ProblemException.badData("the @context " + url + " is not JSON");
            }
            if (doc == null || !doc.isObject() || !doc.has("@context")) {
                throw ProblemException.badData("the @context " + url + " is not a JSON-LD context document: it has no @context member");
            }
            return doc;
        }
    }

    static ProblemException unavailable(String url, String why) {
        return new ProblemException(ProblemType.LD_CONTEXT_NOT_AVAILABLE, "the @context " + url + " could not be loaded (" + why + ")");
    }

    @Override
    public void close() {
        fetchers.shutdownNow();
    }
}
