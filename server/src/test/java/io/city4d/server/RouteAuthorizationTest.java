package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.api.common.RateLimits;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every route the server registers, listed from its own routing, under every method and a set of path variants
 * (trailing slash, doubled slashes, dot segments, encoded slashes, matrix parameters, case): callers without a valid
 * credential get 401 and a device gets 403 wherever the route is not theirs. A route added later is covered too; one
 * that is meant to be public must be named here.
 */
class RouteAuthorizationTest {
    private static final String PARAM = "urn:ngsi-ld:Route:1";
    /** Open to anyone, by method and path: health, the status page, and one hosted @context (JSON-LD processors fetch it). */
    private static final Set<String> PUBLIC = Set.of("GET /health", "GET /", "GET /api/v1/status", "GET /ngsi-ld/v1/jsonldContexts/{+id}");
    /** Open to a device: sending its own readings. */
    private static final Set<String> DEVICE = Set.of("POST /ingest/v1/devices/{deviceId}");
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String UNROUTED = "Endpoint not found";

    @RegisterExtension
    static final RunningServer running = new RunningServer(c -> c.withRateLimits(RateLimits.defaults().with(List.of("anonymous=off", "device=off"))));
    static List<RouteRecorder.Route> routes;
    static Map<String, Api> withoutCredential;
    static Api device;

    @BeforeAll
    static void callers() {
        RouteRecorder recorder = new RouteRecorder();
        running.server.city.registerRoutes(recorder);
        routes = recorder.routes();
        Api anonymous = running.api.anonymous();
        withoutCredential = Map.of("no credential", anonymous, "an empty Bearer", anonymous.with("Authorization", "Bearer "),
                "a bare Bearer", anonymous.with("Authorization", "Bearer"), "Basic auth", anonymous.with("Authorization", "Basic dXNlcjpwYXNz"));
        var registered = running.api.post("/admin/v1/devices", "{\"id\":\"" + PARAM + "\",\"entityId\":\"" + PARAM + "\",\"profile\":\"air-quality\"}");
        assertThat(registered.status()).isEqualTo(201);
        device = anonymous.token(registered.json().get("apiKey").asText());
    }

    @Test
    void theRoutesAreListedFromTheServersOwnRouting() {
        Set<String> listed = new TreeSet<>();
        routes.forEach(r -> listed.add(r.method() + " " + r.path()));
        assertThat(listed).contains("GET /health", "POST /ngsi-ld/v1/entities", "PATCH /ngsi-ld/v1/entities/{id}/attrs/{attr}",
                "GET /ngsi-ld/v1/jsonldContexts", "DELETE /admin/v1/credentials/{id}", "GET /events", "POST /ingest/v1/devices/{deviceId}");
        assertThat(listed).containsAll(PUBLIC).containsAll(DEVICE);
    }

    @Test
    void noPathVariantOfAnyRouteLetsACallerPastItsRights() throws Exception {
        List<String> wrong = new CopyOnWriteArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        try (ExecutorService callers = Executors.newFixedThreadPool(4)) {
            for (String pattern : patterns()) {
                for (String method : METHODS) {
                    for (String path : variants(concrete(pattern))) {
                        callers.execute(() -> wrong.addAll(refusals(method, path, requests)));
                    }
                }
            }
        }
        assertThat(requests.get()).isGreaterThan(5_000);
        assertThat(wrong).isEmpty();
    }

    /** What each caller got for one request that it should not have. */
    private static List<String> refusals(String method, String path, AtomicInteger requests) {
        List<String> wrong = new ArrayList<>();
        boolean open = isOpen(PUBLIC, method, path);
        for (var caller : withoutCredential.entrySet()) {
            var r = caller.getValue().send(method, path, body(method), contentType(method));
            requests.incrementAndGet();
            if (r.status() >= 500 || !open && r.status() != 401) wrong.add(caller.getKey() + ": " + method + " " + path + " -> " + r);
        }
        var r = device.send(method, path, body(method), contentType(method));
        requests.incrementAndGet();
        // a HEAD answer has no body to tell the router's 404 from a handler's
        boolean refused = r.status() == 403 || r.status() == 405 || r.status() == 404 && (method.equals("HEAD") || r.body().contains(UNROUTED));
        if (r.status() >= 500 || !open && !isOpen(DEVICE, method, path) && !refused) wrong.add("a device: " + method + " " + path + " -> " + r);
        return wrong;
    }

    private static Set<String> patterns() {
        Set<String> out = new LinkedHashSet<>();
        routes.forEach(r -> out.add(r.path()));
        return out;
    }

    /** Whether a request reaches one of these routes: its path as the server reads it (decoded, dot segments and doubled slashes resolved). */
    private static boolean isOpen(Set<String> routesOpen, String method, String path) {
        String served = served(path);
        for (String open : routesOpen) {
            String[] parts = open.split(" ", 2);
            boolean methodMatches = parts[0].equals(method) || parts[0].equals("GET") && method.equals("HEAD");
            // {+name} takes the rest of the path, slashes included
            if (methodMatches && served.matches(parts[1].replaceAll("\\{\\+[^}]+}", ".+").replaceAll("\\{[^}]+}", "[^/]+"))) return true;
        }
        return false;
    }

    private static String served(String path) {
        StringBuilder withoutMatrix = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            int semicolon = segment.indexOf(';');
            withoutMatrix.append('/').append(semicolon < 0 ? segment : segment.substring(0, semicolon));
        }
        String decoded = URLDecoder.decode(withoutMatrix.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : decoded.split("/")) {
            if (segment.equals("..")) segments.pollLast();
            else if (!segment.isEmpty() && !segment.equals(".")) segments.addLast(segment);
        }
        return "/" + String.join("/", segments);
    }

    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{[^}]+}", PARAM);
    }

    /** The path and the variants that a router might take for it, or might not. */
    static List<String> variants(String path) {
        int last = path.lastIndexOf('/');
        String head = path.substring(0, last);
        String tail = path.substring(last + 1);
        Set<String> out = new LinkedHashSet<>(List.of(path, path + "/", "/" + path, head + "//" + tail, head + "/./" + tail,
                head + "/x/../" + tail, head + "/%2e/" + tail, head + "%2F" + tail, head + "%5C" + tail, path + ";x=1", path + "/.",
                path + "/;", path + "%00", path.toUpperCase(java.util.Locale.ROOT), path + "/" + PARAM));
        if (!head.isEmpty()) out.add(head.toUpperCase(java.util.Locale.ROOT) + "/" + tail);
        return out.stream().filter(p -> p.startsWith("/")).toList();
    }

    private static String body(String method) {
        return Set.of("POST", "PUT", "PATCH").contains(method) ? "{}" : null;
    }

    private static String contentType(String method) {
        return body(method) == null ? null : "application/json";
    }
}
