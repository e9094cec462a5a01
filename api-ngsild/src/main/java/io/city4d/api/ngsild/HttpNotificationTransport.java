package io.city4d.api.ngsild;

import io.city4d.core.subscription.NotificationTransport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Delivers notifications by HTTP POST; any status but 2xx is a failure to retry. */
public final class HttpNotificationTransport implements NotificationTransport {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final Lazy<HttpClient> client = new Lazy<>(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build());

    @Override
    public Set<String> schemes() {
        return Set.of("http", "https");
    }

    @Override
    public CompletableFuture<Void> send(URI endpoint, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return client.get().sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
            if (response.statusCode() / 100 != 2) throw new java.util.concurrent.CompletionException(new IOException("endpoint answered " + response.statusCode()));
            return null;
        });
    }
}
