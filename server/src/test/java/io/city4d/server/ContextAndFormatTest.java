package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.Api.enc;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.prop;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JSON-LD contexts and representations: Link headers and @context bodies, user contexts that map short names to other
 * IRIs, hosted contexts, normalized, concise and keyValues, Accept, and contexts that cannot be had (clause 6.3.5, 6.29).
 */
class ContextAndFormatTest {
    private static final String SDM = "https://smartdatamodels.org/dataModel.Environment/";
    private static final String CONTEXT = """
            {"@context": {"sdm": "https://smartdatamodels.org/dataModel.Environment/",
                          "AirQualityObserved": "sdm:AirQualityObserved", "pm25": "sdm:pm25", "name": "https://schema.org/name"}}""";
    @RegisterExtension
    // Its user contexts are served from a loopback socket, which City4D refuses to fetch from unless allowed.
    static final RunningServer running = new RunningServer(c -> c.withContextAllow(List.of("127.0.0.1/32")));
    static Api api;
    static HttpServer contexts;
    static ServerSocket silent;
    static final List<Socket> held = new ArrayList<>();
    static final AtomicInteger fetches = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        api = running.api;
        contexts = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        contexts.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        contexts.createContext("/ctx.jsonld", exchange -> {
            fetches.incrementAndGet();
            byte[] body = CONTEXT.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/ld+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        for (var served : java.util.Map.of("/no-context.jsonld", "{\"note\": \"no context member here\"}", "/broken.jsonld", "this is { not json").entrySet()) {
            contexts.createContext(served.getKey(), exchange -> {
                byte[] body = served.getValue().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/ld+json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
        }
        contexts.createContext("/compound.jsonld", exchange -> {
            byte[] body = ("{\"@context\": [\"" + url("/ctx.jsonld") + "\", \"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld\"]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/ld+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        contexts.start();
        // Accepts connections and never answers a byte.
        silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!silent.isClosed()) {
                try {
                    Socket s = silent.accept();
                    synchronized (held) {
                        held.add(s);
                    }
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        silent.close();
        synchronized (held) {
            for (Socket s : held) s.close();
        }
        contexts.stop(0);
    }

    static String url(String path) {
        return "http://127.0.0.1:" + contexts.getAddress().getPort() + path;
    }

    @Test
    void aUserContextMapsShortNamesToItsIrisAndBack() {
        Api user = api.link(url("/ctx.jsonld"));
        String id = "urn:ngsi-ld:AirQualityObserved:" + UUID.randomUUID();
        assertThat(user.post(NGSI + "/entities", entity(id, "AirQualityObserved", prop("pm25", 9) + "," + prop("name", "Hoàn Kiếm"))).status()).isEqualTo(201);

        var mine = user.get(NGSI + "/entities/" + id);
        assertThat(mine.header("Link").orElse("")).contains(url("/ctx.jsonld"));
        JsonNode e = mine.json();
        assertThat(e.get("type").asText()).isEqualTo("AirQualityObserved");
        assertThat(e.at("/pm25/value").asInt()).isEqualTo(9);
        assertThat(e.at("/name/value").asText()).isEqualTo("Hoàn Kiếm");

        JsonNode core = api.get(NGSI + "/entities/" + id).json();
        assertThat(core.get("type").asText()).isEqualTo(SDM + "AirQualityObserved");
        assertThat(core.has(SDM + "pm25")).isTrue();
        assertThat(core.has("https://schema.org/name")).isTrue();

        assertThat(EntityApiTest.ids(user.get(NGSI + "/entities?type=AirQualityObserved&q=" + enc("pm25==9")).json())).contains(id);
        assertThat(api.get(NGSI + "/entities?type=AirQualityObserved&q=" + enc("pm25==9")).json()).as("core names are other IRIs").isEmpty();
        assertThat(EntityApiTest.ids(api.get(NGSI + "/entities?type=" + enc(SDM + "AirQualityObserved")).json())).contains(id);
        assertThat(user.get(NGSI + "/types").json().get("typeList")).extracting(JsonNode::asText).contains("AirQualityObserved");
        assertThat(user.get(NGSI + "/attributes/pm25").status()).isEqualTo(200);
        assertThat(fetches.get()).as("a remote context is fetched once and cached").isEqualTo(1);
    }

    @Test
    void jsonLdBodiesCarryTheirContextAndResponsesToo() {
        String id = "urn:ngsi-ld:Tree:" + UUID.randomUUID();
        var created = api.postLd(NGSI + "/entities", "{\"id\":\"" + id + "\",\"type\":\"Tree\",\"height\":{\"type\":\"Property\",\"value\":7},"
                + "\"@context\":[{\"Tree\":\"urn:example:Tree\",\"height\":\"urn:example:height\"},\"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld\"]}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode plain = api.get(NGSI + "/entities/" + id).json();
        assertThat(plain.get("type").asText()).isEqualTo("urn:example:Tree");
        assertThat(plain.has("urn:example:height")).isTrue();

        var ld = api.accept("application/ld+json").get(NGSI + "/entities/" + id);
        assertThat(ld.header("Content-Type")).hasValue("application/ld+json");
        assertThat(ld.header("Link")).isEmpty();
        assertThat(ld.json().get("@context").toString()).contains("ngsi-ld-core-context");
        JsonNode list = api.accept("application/ld+json").get(NGSI + "/entities?type=" + enc("urn:example:Tree")).json();
        assertThat(list.get(0).has("@context")).as("each entity of a list carries @context").isTrue();

        assertThat(api.postLd(NGSI + "/entities", "{\"id\":\"urn:ngsi-ld:Tree:x\",\"type\":\"Tree\"}").status())
                .as("application/ld+json without @context").isEqualTo(400);
        assertThat(api.post(NGSI + "/entities", "{\"id\":\"urn:ngsi-ld:Tree:y\",\"type\":\"Tree\",\"@context\":{}}").status())
                .as("@context in an application/json body").isEqualTo(400);
        assertThat(api.link(url("/ctx.jsonld")).postLd(NGSI + "/entities", "{\"id\":\"urn:ngsi-ld:Tree:z\",\"type\":\"Tree\",\"@context\":{}}").status())
                .as("a Link header with application/ld+json").isEqualTo(400);
        var html = api.accept("text/html").get(NGSI + "/entities/" + id);
        assertThat(html.status()).isEqualTo(406);
        assertThat(api.accept("application/geo+json").get(NGSI + "/entities/" + id).json().get("type").asText()).isEqualTo("Feature");
    }

    @Test
    void aCompoundContextThatImportsTheCoreContextIsNamedAlone() {
        Api compound = api.link(url("/compound.jsonld"));
        String id = "urn:ngsi-ld:AirQualityObserved:" + UUID.randomUUID();
        assertThat(compound.post(NGSI + "/entities", "{\"id\":\"" + id + "\",\"type\":\"AirQualityObserved\"," + prop("pm25", 7) + "}").status()).isEqualTo(201);
        JsonNode ld = compound.accept("application/ld+json").get(NGSI + "/entities/" + id).json();
        assertThat(ld.get("@context").isTextual()).as(ld.toString()).isTrue();
        assertThat(ld.get("@context").asText()).isEqualTo(url("/compound.jsonld"));
        assertThat(ld.has("pm25")).isTrue();
        JsonNode userOnly = api.link(url("/ctx.jsonld")).accept("application/ld+json").get(NGSI + "/entities/" + id).json();
        assertThat(userOnly.get("@context").toString()).as("a context without the core one gets it beside").contains("ngsi-ld-core-context");
    }

    @Test
    void unknownFormatsAndOptionsAreInvalidRequests() {
        for (String query : List.of("format=invalidFormat", "options=invalidOptions", "options=keyValues,invalid", "format=keyValues&options=invalid")) {
            Api.Response r = api.get(NGSI + "/entities/urn:ngsi-ld:Nothing:here?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.problemType()).as(query).isEqualTo("InvalidRequest");
        }
    }

    @Test
    void normalizedConciseAndKeyValuesRepresentations() {
        String id = "urn:ngsi-ld:Spot:" + UUID.randomUUID();
        api.post(NGSI + "/entities", """
                {"id":"%s","type":"Spot","status":{"type":"Property","value":"free","observedAt":"2026-11-25T08:00:00Z"},
                 "plain":{"type":"Property","value":3},
                 "site":{"type":"Relationship","object":"urn:ngsi-ld:Site:1"},
                 "location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[105.85,21.03]}}}""".formatted(id));
        JsonNode kv = api.get(NGSI + "/entities/" + id + "?options=keyValues").json();
        assertThat(kv.get("status").asText()).isEqualTo("free");
        assertThat(kv.get("plain").asInt()).isEqualTo(3);
        assertThat(kv.get("site").asText()).isEqualTo("urn:ngsi-ld:Site:1");
        assertThat(kv.at("/location/type").asText()).isEqualTo("Point");
        assertThat(api.get(NGSI + "/entities/" + id + "?format=keyValues").json()).isEqualTo(kv);

        JsonNode concise = api.get(NGSI + "/entities/" + id + "?options=concise").json();
        assertThat(concise.get("plain").asInt()).isEqualTo(3);
        assertThat(concise.at("/status/value").asText()).isEqualTo("free");
        assertThat(concise.at("/status/type").isMissingNode()).isTrue();
        assertThat(concise.at("/site/object").asText()).isEqualTo("urn:ngsi-ld:Site:1");
        assertThat(concise.at("/location/value/type").asText()).isEqualTo("Point");

        String fromConcise = "urn:ngsi-ld:Spot:" + UUID.randomUUID();
        String conciseBody = concise.toString().replace(id, fromConcise);
        assertThat(api.post(NGSI + "/entities", conciseBody).status()).as("concise input").isEqualTo(201);
        JsonNode normalized = api.get(NGSI + "/entities/" + fromConcise).json();
        assertThat(normalized.at("/plain/type").asText()).isEqualTo("Property");
        assertThat(normalized.at("/site/type").asText()).isEqualTo("Relationship");
        assertThat(normalized.at("/location/type").asText()).isEqualTo("GeoProperty");
        assertThat(normalized.at("/status/observedAt").asText()).isEqualTo("2026-11-25T08:00:00Z");
        assertThat(api.get(NGSI + "/entities/" + id + "?format=fancy").status()).isEqualTo(400);
    }

    @Test
    void hostedContextsCanBeAddedListedServedAndDeleted() {
        var stored = api.post(NGSI + "/jsonldContexts", "{\"@context\":{\"Lamp\":\"urn:example:Lamp\"}}");
        assertThat(stored.status()).isEqualTo(201);
        String location = api.baseUrl() + stored.header("Location").orElseThrow();
        var anonymous = new Api(api.baseUrl(), null).send("GET", location.substring(location.indexOf("/ngsi-ld")), null, null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().at("/@context/Lamp").asText()).isEqualTo("urn:example:Lamp");
        assertThat(api.get(NGSI + "/jsonldContexts").json()).extracting(JsonNode::asText).contains(location);
        String localId = location.substring(location.lastIndexOf('/') + 1);
        JsonNode info = api.get(NGSI + "/jsonldContexts/" + localId + "?details=true").json();
        assertThat(info.get("URL").asText()).isEqualTo(location);
        assertThat(info.get("kind").asText()).isEqualTo("Hosted");
        assertThat(info.get("localId").asText()).isEqualTo(localId);
        assertThat(api.get(NGSI + "/jsonldContexts?details=true&kind=Hosted").json()).extracting(i -> i.get("URL").asText()).contains(location)
                .doesNotContain("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld");
        assertThat(api.get(NGSI + "/jsonldContexts?kind=Cached").json()).extracting(JsonNode::asText).as("the core context, then the remote ones fetched")
                .startsWith("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld").doesNotContain(location);
        assertThat(api.get(NGSI + "/jsonldContexts?kind=ImplicitlyCreated").json()).isEmpty();
        for (String bad : List.of("?kind=other", "?details=other", "?details=true&kind=hosted")) {
            assertThat(api.get(NGSI + "/jsonldContexts" + bad).status()).as(bad).isEqualTo(400);
        }
        assertThat(anonymous.header("Content-Type")).as("served as application/json (clause 5.13.4)").hasValue("application/json");
        assertThat(api.tenant("elsewhere").get(NGSI + "/jsonldContexts/" + localId).status()).as("another tenant's context").isEqualTo(404);
        String core = enc("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld");
        assertThat(api.get(NGSI + "/jsonldContexts/" + core + "?details=true").json().get("kind").asText()).isEqualTo("Cached");
        assertThat(api.delete(NGSI + "/jsonldContexts/" + core).status()).as("the core context stays").isEqualTo(400);
        for (String reload : List.of("?reload=true", "?reload=xxx")) {
            assertThat(api.delete(NGSI + "/jsonldContexts/" + localId + reload).status()).as(reload).isEqualTo(400);
            assertThat(api.delete(NGSI + "/jsonldContexts/nothing-here" + reload).status()).as(reload).isEqualTo(400);
        }
        assertThat(api.delete(NGSI + "/jsonldContexts/nothing-here?reload=false").status()).isEqualTo(404);
        for (String context : List.of("42", "true", "[{\"a\":\"urn:a\"}, 5]")) {
            assertThat(api.post(NGSI + "/jsonldContexts", "{\"@context\":" + context + "}").status()).as(context).isEqualTo(400);
        }

        String id = "urn:ngsi-ld:Lamp:" + UUID.randomUUID();
        assertThat(api.link(location).post(NGSI + "/entities", "{\"id\":\"" + id + "\",\"type\":\"Lamp\"}").status()).isEqualTo(201);
        assertThat(api.get(NGSI + "/entities/" + id).json().get("type").asText()).isEqualTo("urn:example:Lamp");
        assertThat(api.get(NGSI + "/jsonldContexts/core").body()).contains("\"ngsi-ld\"");

        assertThat(api.post(NGSI + "/jsonldContexts", "{\"Lamp\":\"urn:example:Lamp\"}").status()).isEqualTo(400);
        assertThat(api.delete(NGSI + "/jsonldContexts/" + localId).status()).isEqualTo(204);
        assertThat(api.get(NGSI + "/jsonldContexts/" + localId).status()).isEqualTo(404);
        assertThat(api.delete(NGSI + "/jsonldContexts/" + localId).status()).isEqualTo(404);
    }

    @Test
    void aDocumentThatIsNotAContextIsTheRequestsFaultAndWritesNothing() {
        for (String path : List.of("/no-context.jsonld", "/broken.jsonld")) {
            String id = "urn:ngsi-ld:X:" + UUID.randomUUID();
            var r = api.postLd(NGSI + "/entities", "{\"id\":\"" + id + "\",\"type\":\"X\",\"@context\":\"" + url(path) + "\"}");
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.problemType()).isEqualTo("BadRequestData");
            assertThat(api.get(NGSI + "/entities/" + id).status()).as("nothing written").isEqualTo(404);
        }
    }

    @Test
    void onlyThePublishedCoreContextsAreTheBundledOne() {
        for (String version : List.of("", "-v1.6", "-v1.8", "-v1.9")) {
            String core = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context" + version + ".jsonld";
            assertThat(api.link(core).get(NGSI + "/types").status()).as(core).isEqualTo(200);
        }
        // not a name the core context was published under: fetched, and not found (offline, not even resolved)
        var missing = api.link("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-non-existing.jsonld").get(NGSI + "/types");
        assertThat(missing.status()).isEqualTo(504);
        assertThat(missing.problemType()).isEqualTo("LdContextNotAvailable");
    }

    @Test
    void contextsThatCannotBeLoadedGive504LdContextNotAvailableQuickly() throws Exception {
        int refusing = TestServer.freePort();
        for (String unreachable : List.of(url("/missing.jsonld"), "http://127.0.0.1:" + refusing + "/ctx.jsonld",
                "http://127.0.0.1:" + silent.getLocalPort() + "/ctx.jsonld")) {
            Instant start = Instant.now();
            var r = api.link(unreachable).get(NGSI + "/types");
            assertThat(r.status()).as(unreachable).isEqualTo(504);
            assertThat(r.problemType()).isEqualTo("LdContextNotAvailable");
            assertThat(Duration.between(start, Instant.now())).as("never a hang").isLessThan(Duration.ofSeconds(8));
            Instant again = Instant.now();
            var write = api.link(unreachable).post(NGSI + "/entities", entity("urn:ngsi-ld:X:" + UUID.randomUUID(), "X", ""));
            assertThat(write.status()).isEqualTo(504);
            assertThat(Duration.between(again, Instant.now())).as("a context that just failed is not waited for again").isLessThan(Duration.ofSeconds(2));
        }
        var ld = api.postLd(NGSI + "/entities", "{\"id\":\"urn:ngsi-ld:X:ld503\",\"type\":\"X\",\"@context\":\"http://127.0.0.1:" + refusing + "/c\"}");
        assertThat(ld.status()).isEqualTo(504);
        assertThat(api.get(NGSI + "/entities/urn:ngsi-ld:X:ld503").status()).as("nothing written").isEqualTo(404);
        assertThat(api.with("Link", "no angle brackets").get(NGSI + "/types").status()).isEqualTo(400);
    }
}
