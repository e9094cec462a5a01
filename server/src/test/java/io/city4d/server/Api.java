package io.city4d.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small HTTP client for black-box tests of a running City4D: a base URL, a credential, a tenant and default
 * headers, each replaced by returning a new client. Every call goes through a real socket.
 */
final class Api {
    static final String NGSI = "/ngsi-ld/v1";
    static final String LINK_REL = "rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Map<String, String> headers;

    Api(String baseUrl, String token) {
        this(baseUrl, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    private Api(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = Map.copyOf(headers);
    }

    /** The same client with one more default header (or without it, for a null value). */
    Api with(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (value == null) h.remove(name);
        else h.put(name, value);
        return new Api(baseUrl, h);
    }

    Api token(String token) { return with("Authorization", token == null ? null : "Bearer " + token); }

    Api anonymous() { return with("Authorization", null); }

    Api tenant(String tenant) { return with("NGSILD-Tenant", tenant); }

    /** Requests and JSON bodies use this @context through a Link header. */
    Api link(String contextUrl) { return with("Link", "<" + contextUrl + ">; " + LINK_REL); }

    Api accept(String mediaType) { return with("Accept", mediaType); }

    String baseUrl() { return baseUrl; }

    Response get(String path) { return send("GET", path, null, null); }

    Response delete(String path) { return send("DELETE", path, null, null); }

    Response post(String path, String json) { return send("POST", path, json, "application/json"); }

    Response put(String path, String json) { return send("PUT", path, json, "application/json"); }

    Response patch(String path, String json) { return send("PATCH", path, json, "application/json"); }

    Response postLd(String path, String jsonLd) { return send("POST", path, jsonLd, "application/ld+json"); }

    Response send(String method, String path, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        headers.forEach(b::header);
        if (contentType != null) b.header("Content-Type", contentType);
        // As careful clients do with large bodies: the server may refuse one before it is sent.
        if (body != null && body.length() > 32 * 1024) b.expectContinue(true);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return new Response(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Percent-encodes a query parameter value. */
    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Response(HttpResponse<String> raw) {
        int status() { return raw.statusCode(); }

        String body() { return raw.body(); }

        JsonNode json() {
            if (raw.body() == null || raw.body().isEmpty()) throw new AssertionError("no body (status " + status() + ")");
            return parse(raw.body());
        }

        /** The JSON body of an answer that must have that status; else the failure shows the answer. */
        JsonNode json(int expectedStatus) {
            if (status() != expectedStatus) throw new AssertionError("expected status " + expectedStatus + ", got " + this);
            return json();
        }

        Optional<String> header(String name) { return raw.headers().firstValue(name); }

        /**
         * The targets of the Link header values by their rel (RFC 8288), whether the server sent one header line per
         * link or joined them with commas (commas inside the angle brackets belong to the URL).
         */
        Map<String, String> links() {
            Map<String, String> out = new LinkedHashMap<>();
            for (String value : raw.headers().allValues("Link")) {
                int at = 0;
                while ((at = value.indexOf('<', at)) >= 0) {
                    int end = value.indexOf('>', at);
                    int next = value.indexOf('<', end);
                    String params = value.substring(end + 1, next < 0 ? value.length() : next);
                    java.util.regex.Matcher rel = java.util.regex.Pattern.compile("rel=\"([^\"]*)\"").matcher(params);
                    if (rel.find()) out.put(rel.group(1), value.substring(at + 1, end));
                    at = end;
                }
            }
            return out;
        }

        /** The NGSI-LD error type's short name (e.g. BadRequestData) of a problem body. */
        String problemType() {
            String type = json().path("type").asText();
            return type.substring(type.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return status() + " " + raw.body();
        }
    }
}
