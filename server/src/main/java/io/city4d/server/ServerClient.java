package io.city4d.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * The calls {@code city4d simulate} makes to a running City4D with an admin token, over HTTP. Every failure is a
 * {@link CommandFailure} that says in one line what went wrong: no server, not City4D, a refused token, a refused
 * request and the server's reason.
 */
final class ServerClient implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final URI url;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    ServerClient(URI url, String token) {
        this.url = url;
        this.token = token;
    }

    /**
     * The port of the server's MQTT endpoint, from its public status, or empty when it has none. Devices send their
     * keys there, so it comes from the server itself, never from a default.
     */
    OptionalInt mqttPort() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(url.resolve("/api/v1/status")).GET());
        JsonNode status = r.statusCode() == 200 ? parse(r.body()) : null;
        if (status == null || !status.path("entitiesByType").isObject()) {
            throw new CommandFailure("--url " + url + ": this is not a City4D server (GET /api/v1/status answered " + r.statusCode() + ")");
        }
        int port = status.path("mqtt").path("port").asInt(-1);
        return port > 0 ? OptionalInt.of(port) : OptionalInt.empty();
    }

    /** POSTs JSON with the admin token; the body of a 2xx answer, else a failure naming what was being done. */
    String post(String path, JsonNode body, String doing) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(url.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (r.statusCode() == 401) throw new CommandFailure("--token: the server at " + url + " does not know this token (401)");
        if (r.statusCode() == 403) throw new CommandFailure("--token: the token may not do this; " + doing + " needs an admin token (403)");
        // 207 is a batch some of whose items were refused: simulate counts on all of them
        if (r.statusCode() / 100 != 2 || r.statusCode() == 207) throw new CommandFailure(doing + " failed: " + r.statusCode() + " " + detail(r.body()));
        return r.body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new CommandFailure("--url " + url + ": no server answers there (no connection within 10 s)", e);
        } catch (ConnectException e) {
            throw new CommandFailure("--url " + url + ": no server answers there (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")", e);
        } catch (HttpTimeoutException e) {
            throw new CommandFailure("--url " + url + ": the server did not answer within " + TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new CommandFailure("--url " + url + ": " + CommandFailure.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The detail of a problem body or of a batch's first refused item, or the start of whatever else came back. */
    private static String detail(String body) {
        JsonNode problem = parse(body);
        if (problem != null && problem.path("errors").path(0).path("error").path("detail").isTextual()) {
            JsonNode first = problem.get("errors").get(0);
            return first.path("entityId").asText() + ": " + first.get("error").get("detail").asText();
        }
        if (problem != null && problem.path("detail").isTextual()) return problem.get("detail").asText();
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    @Override
    public void close() {
        http.close();
    }
}
