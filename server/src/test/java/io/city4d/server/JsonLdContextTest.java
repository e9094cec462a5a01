package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User @contexts: expansion and compaction through Link headers and JSON-LD bodies, caching, and failures that stay bounded. */
class JsonLdContextTest {
    private static final String CONTEXT = """
            {"@context": {"sdm": "https://smartdatamodels.org/dataModel.Environment/",
                          "AirQualityObserved": "sdm:AirQualityObserved", "pm25": "sdm:pm25"}}""";
    @TempDir
    static Path dir;
    static TestServer server;
    static HttpServer contexts;
    static final AtomicInteger fetches = new AtomicInteger();
    static final CountDownLatch never = new CountDownLatch(1);

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir);
        contexts = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        contexts.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        contexts.createContext("/ctx.jsonld", exchange -> {
            fetches.incrementAndGet();
            byte[] body = CONTEXT.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/ld+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        contexts.createContext("/hangs.jsonld", exchange -> {
            try {
                never.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        contexts.start();
    }

    @AfterAll
    static void stop() {
        never.countDown();
        contexts.stop(0);
        server.close();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + contexts.getAddress().getPort() + path;
    }

    private static String link(String path) {
        return "<" + url(path) + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"";
    }

    @Test
    void namesExpandWithTheUserContextAndCompactBack() throws Exception {
        var created = server.send(server.request("/ngsi-ld/v1/entities").header("Content-Type", "application/json").header("Link", link("/ctx.jsonld"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"urn:ngsi-ld:AirQualityObserved:ctx1\",\"type\":\"AirQualityObserved\",\"pm25\":{\"type\":\"Property\",\"value\":9}}")));
        assertThat(created.statusCode()).isEqualTo(201);

        JsonNode withContext = NgsiLdApiTest.json(server.send(server.request("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:ctx1").header("Link", link("/ctx.jsonld")).GET()));
        assertThat(withContext.get("type").asText()).isEqualTo("AirQualityObserved");
        assertThat(withContext.at("/pm25/value").asInt()).isEqualTo(9);

        JsonNode coreOnly = NgsiLdApiTest.json(server.get("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:ctx1"));
        assertThat(coreOnly.get("type").asText()).isEqualTo("https://smartdatamodels.org/dataModel.Environment/AirQualityObserved");
        assertThat(coreOnly.has("https://smartdatamodels.org/dataModel.Environment/pm25")).isTrue();

        HttpResponse<String> ld = server.send(server.request("/ngsi-ld/v1/entities?type=AirQualityObserved&q=pm25==9").header("Link", link("/ctx.jsonld"))
                .header("Accept", "application/ld+json").GET());
        assertThat(ld.headers().firstValue("Content-Type")).hasValue("application/ld+json");
        assertThat(NgsiLdApiTest.json(ld).get(0).get("@context").toString()).contains(url("/ctx.jsonld"));
        assertThat(fetches.get()).as("a remote context is fetched once and cached").isEqualTo(1);
    }

    @Test
    void jsonLdBodiesCarryTheirContext() {
        var created = server.send(server.request("/ngsi-ld/v1/entities").header("Content-Type", "application/ld+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"urn:ngsi-ld:X:ld\",\"type\":\"X\",\"@context\":{\"X\":\"urn:example:X\"}}")));
        assertThat(created.statusCode()).isEqualTo(201);
        var missing = server.send(server.request("/ngsi-ld/v1/entities").header("Content-Type", "application/ld+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"urn:ngsi-ld:X:ld2\",\"type\":\"X\"}")));
        assertThat(missing.statusCode()).isEqualTo(400);
    }

    @Test
    void contextsThatCannotBeLoadedGive503Quickly() throws Exception {
        var notFound = server.send(server.request("/ngsi-ld/v1/types").header("Link", link("/missing.jsonld")).GET());
        assertThat(notFound.statusCode()).isEqualTo(503);
        assertThat(NgsiLdApiTest.json(notFound).get("type").asText()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/LdContextNotAvailable");

        Instant start = Instant.now();
        var hanging = server.send(server.request("/ngsi-ld/v1/types").header("Link", link("/hangs.jsonld")).GET());
        assertThat(hanging.statusCode()).isEqualTo(503);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void hostedContextsServeWithoutTheInternet() throws Exception {
        var stored = server.send(server.request("/ngsi-ld/v1/jsonldContexts").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"@context\":{\"Tree\":\"urn:example:Tree\"}}")));
        assertThat(stored.statusCode()).isEqualTo(201);
        String location = stored.headers().firstValue("Location").orElseThrow();
        var anonymous = server.send(HttpRequest.newBuilder(java.net.URI.create(location)).GET());
        assertThat(anonymous.statusCode()).isEqualTo(200);
        var created = server.send(server.request("/ngsi-ld/v1/entities").header("Content-Type", "application/json")
                .header("Link", "<" + location + ">; rel=\"http://www.w3.org/ns/json-ld#context\"")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"urn:ngsi-ld:Tree:1\",\"type\":\"Tree\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(NgsiLdApiTest.json(server.get("/ngsi-ld/v1/entities/urn:ngsi-ld:Tree:1")).get("type").asText()).isEqualTo("urn:example:Tree");
        assertThat(server.get("/ngsi-ld/v1/jsonldContexts/core").body()).contains("\"ngsi-ld\"");
    }
}
