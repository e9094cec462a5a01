package io.city4d.api.ngsild;

import io.city4d.core.security.AddressPolicy;
import io.city4d.core.subscription.NotificationTransport;
import io.city4d.core.subscription.UndeliverableNotification;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Delivers notifications by HTTP POST, only to hosts the {@link AddressPolicy} allows. The policy resolves the host
 * when the connection is made and the connection goes to the address it checked, so an endpoint whose name has come to
 * resolve to an internal address is refused too: {@link UndeliverableNotification}, never retried. Redirects are not
 * followed; any status but 2xx is a failure to retry.
 */
public final class HttpNotificationTransport implements NotificationTransport, AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** What is read of an answer's body before the connection is given back; receivers answer with next to nothing. */
    private static final int MAX_ANSWER = 64 * 1024;
    private static final int MAX_IDLE_CONNECTIONS = 64;
    /**
     * Notifications being sent at once, and to one endpoint (scheme, host and port): each takes a connection, and so a
     * file of the process. The others wait their turn; the engine bounds how many wait.
     */
    private static final int MOST_AT_ONCE = 128;
    private static final int MOST_PER_ENDPOINT = 32;

    private final Lazy<WebClient> client;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore atOnce = new Semaphore(MOST_AT_ONCE);
    private final Map<String, Semaphore> perEndpoint = new ConcurrentHashMap<>();

    public HttpNotificationTransport(AddressPolicy policy) {
        this.client = new Lazy<>(() -> PolicyDnsResolver.guardedClient(policy)
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(READ_TIMEOUT)
                .followRedirects(false)
                // kept-alive connections of its own, fewer than receivers keep open (the JDK's server closes those past 200)
                .shareConnectionCache(false)
                .connectionCacheSize(MAX_IDLE_CONNECTIONS)
                .build());
    }

    /**
     * Makes the client in the background, so that the first notification does not wait for its TLS set-up (about a
     * tenth of a second). Called once the server serves: made during start-up, it would compete with it for the CPU.
     */
    void prepare() {
        senders.execute(client::get);
    }

    @Override
    public Set<String> schemes() {
        return Set.of("http", "https");
    }

    @Override
    public CompletableFuture<Void> send(URI endpoint, String contentType, byte[] body, Map<String, String> headers) {
        try {
            return CompletableFuture.runAsync(() -> {
                Semaphore endpointSlots = perEndpoint.computeIfAbsent(endpoint.getScheme() + "://" + endpoint.getAuthority(),
                        e -> new Semaphore(MOST_PER_ENDPOINT));
                endpointSlots.acquireUninterruptibly();
                atOnce.acquireUninterruptibly();
                try {
                    post(endpoint, contentType, body, headers);
                } catch (RuntimeException e) {
                    if (!closedBeforeAnswer(e)) throw e;
                    // A kept-alive connection the receiver had just closed: once more, on a new one, as HTTP clients do.
                    post(endpoint, contentType, body, headers);
                } finally {
                    atOnce.release();
                    endpointSlots.release();
                }
            }, senders);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IOException("the server is stopping"));
        }
    }

    private static boolean closedBeforeAnswer(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataReader.InsufficientDataAvailableException) return true;
            if (cause instanceof SocketException && !(cause instanceof ConnectException)) return true;
        }
        return false;
    }

    private void post(URI endpoint, String contentType, byte[] body, Map<String, String> headers) {
        HttpClientRequest request = client.get().post().uri(endpoint).header(HeaderNames.CONTENT_TYPE, contentType);
        headers.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        HttpClientResponse response;
        try {
            response = request.submit(body);
        } catch (RuntimeException e) {
            var refused = PolicyDnsResolver.refusal(e);
            if (refused.isPresent()) throw UndeliverableNotification.refused(refused.get());
            throw e;
        }
        int status = response.status().code();
        // the status is the answer; what follows it is read only so that the connection can be used again
        try (response; InputStream answer = response.inputStream()) {
            answer.readNBytes(MAX_ANSWER);
        } catch (IOException | RuntimeException e) {
            // the connection is closed and not reused
        }
        if (status / 100 != 2) throw new CompletionException(new IOException("endpoint answered " + status));
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
