package io.city4d.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Posts readings to {@code {base}/ingest/v1/devices/{deviceId}} with the device key as bearer token. 2xx means
 * stored; 429 and 503 mean wait for Retry-After. Redirects are not followed, so requests go to the given base only.
 */
final class HttpDeviceTransport implements DeviceTransport {
    static final Duration DEFAULT_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REASON_LENGTH = 200;

    private final String base;
    private final HttpClient client;

    HttpDeviceTransport(URI base) {
        String text = base.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Override public Delivery deliver(String deviceId, String deviceKey, byte[] payload) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/ingest/v1/devices/" + pathSegment(deviceId)))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + deviceKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) return Delivery.ACKNOWLEDGED;
            String reason = "HTTP " + status + " for " + deviceId + ": " + abbreviate(response.body());
            if (status == 429 || status == 503) return new RetryLater(retryAfter(response.headers().firstValue("Retry-After"), Clock.systemUTC()), reason);
            return new Failed(reason);
        } catch (IOException e) {
            return new Failed("HTTP " + deviceId + ": " + e);
        }
    }

    /** Retry-After as delay-seconds or an HTTP date (RFC 9110), kept between 0 and a minute; one second when absent or unreadable. */
    static Duration retryAfter(Optional<String> header, Clock clock) {
        if (header.isEmpty()) return DEFAULT_RETRY;
        String value = header.get().trim();
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(clock.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notDate) {
                return DEFAULT_RETRY;
            }
        }
        if (wait.isNegative()) return Duration.ZERO;
        return wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
    }

    private static String pathSegment(String deviceId) {
        return URLEncoder.encode(deviceId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String body) {
        return body.length() > MAX_REASON_LENGTH ? body.substring(0, MAX_REASON_LENGTH) + "..." : body;
    }

    @Override public void close() {
        client.close();
    }
}
