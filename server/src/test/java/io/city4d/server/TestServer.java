package io.city4d.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real City4D on free ports over a temporary embedded store, and an HTTP client to talk to it. */
final class TestServer implements AutoCloseable {
    static final String ADMIN = "test-admin-token-0123456789";
    final City4d city;
    final HttpClient http = HttpClient.newHttpClient();

    TestServer(Path dir) {
        this(config(dir));
    }

    /**
     * The test configuration: free ports, the test admin token, quick notification retries, and notifications allowed
     * to loopback, where the tests' receivers and Mosquitto listen.
     */
    static ServerConfig config(Path dir) {
        return ServerConfig.embedded(dir, freePort(), freePort()).withAdminToken(ADMIN)
                .withRetries(List.of(Duration.ofMillis(50), Duration.ofMillis(100))).withNotifyAllow(List.of("127.0.0.1/32"));
    }

    TestServer(ServerConfig config) {
        city = City4d.start(config);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client with the admin token. */
    Api api() {
        return new Api(city.baseUrl(), ADMIN);
    }

    /** Issues a credential with a role (and optionally one tenant) and returns its secret. */
    String issue(io.city4d.core.security.Role role, String tenant) {
        return city.authenticator().issue("test " + role, role, tenant, null).secret();
    }

    static com.fasterxml.jackson.databind.JsonNode json(HttpResponse<String> r) {
        return Api.parse(r.body());
    }

    /** An air-quality station in the normalized form. */
    static String station(String id, double pm25, double lon, double lat) {
        return """
                {"id":"%s","type":"AirQualityObserved",
                 "pm25":{"type":"Property","value":%s,"unitCode":"GQ","observedAt":"2026-11-25T08:00:00Z"},
                 "location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[%s,%s]}}}
                """.formatted(id, pm25, lon, lat);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(city.baseUrl() + path)).header("Authorization", "Bearer " + ADMIN);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> patch(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    @Override
    public void close() {
        city.close();
    }
}
