package io.city4d.core.subscription;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Carries a rendered notification to an endpoint (HTTP webhook, MQTT broker topic...). The future fails when the
 * delivery failed, so the caller can retry with backoff and finally dead-letter it.
 */
public interface NotificationTransport {

    /** URI schemes this transport serves, such as "http", "https", "mqtt", "mqtts". */
    Set<String> schemes();

    CompletableFuture<Void> send(URI endpoint, String contentType, byte[] body, Map<String, String> headers);
}
