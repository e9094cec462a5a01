package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.EntityApiTest.entity;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Remote @contexts and server-side request forgery: with the default configuration a caller cannot make City4D
 * connect to loopback (or any other non-public) address through a Link header or an @context, directly or by a
 * redirect, and the refusal is a 400 BadRequestData that sends no packet; what the operator allows is fetched.
 * Every address used here is on loopback.
 */
class ContextFetchGuardTest {
    @RegisterExtension
    static final RunningServer guarded = new RunningServer();
    @RegisterExtension
    static final RunningServer allowing = new RunningServer(c -> c.withContextAllow(List.of("127.0.0.1/32")));
    static HttpServer contexts;
    static final AtomicInteger fetches = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        contexts = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        contexts.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        contexts.createContext("/ctx.jsonld", exchange -> {
            fetches.incrementAndGet();
            byte[] body = "{\"@context\":{\"Lamp\":\"urn:example:Lamp\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // An allowed host that sends the fetch on to a loopback address outside the allowed range.
        contexts.createContext("/elsewhere", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "http://127.0.0.2:" + contexts.getAddress().getPort() + "/ctx.jsonld");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        contexts.start();
    }

    @AfterAll
    static void stop() {
        contexts.stop(0);
    }

    static String at(String host, String path) {
        return "http://" + host + ":" + contexts.getAddress().getPort() + path;
    }

    @Test
    void loopbackContextsAreRefusedWithoutAConnection() {
        int before = fetches.get();
        for (String url : List.of(at("127.0.0.1", "/ctx.jsonld"), at("localhost", "/ctx.jsonld"), at("127.9.8.7", "/ctx.jsonld"),
                at("0.0.0.0", "/ctx.jsonld"), at("[::1]", "/ctx.jsonld"), at("[::ffff:127.0.0.1]", "/ctx.jsonld"))) {
            var r = guarded.api.link(url).get(NGSI + "/types");
            assertThat(r.status()).as(url).isEqualTo(400);
            assertThat(r.problemType()).isEqualTo("BadRequestData");
            assertThat(r.json().get("detail").asText()).as(url).contains("not a public address").contains("--context-allow");
        }
        for (String url : List.of("file:///etc/passwd", "ftp://127.0.0.1/ctx.jsonld", "gopher://127.0.0.1:25/", "urn:example:context")) {
            var r = guarded.api.link(url).get(NGSI + "/types");
            assertThat(r.status()).as(url).isEqualTo(400);
            assertThat(r.json().get("detail").asText()).contains("http(s)");
        }
        String id = "urn:ngsi-ld:Lamp:" + UUID.randomUUID();
        var inBody = guarded.api.postLd(NGSI + "/entities", "{\"id\":\"" + id + "\",\"type\":\"Lamp\",\"@context\":[\"" + at("127.0.0.1", "/ctx.jsonld") + "\"]}");
        assertThat(inBody.status()).as("an @context in the body is guarded the same way").isEqualTo(400);
        assertThat(guarded.api.get(NGSI + "/entities/" + id).status()).as("nothing written").isEqualTo(404);
        assertThat(fetches.get()).as("no request reached the loopback server").isEqualTo(before);
    }

    @Test
    void whatTheOperatorAllowsIsFetchedButNotWhereItRedirects() {
        int before = fetches.get();
        String id = "urn:ngsi-ld:Lamp:" + UUID.randomUUID();
        assertThat(allowing.api.link(at("127.0.0.1", "/ctx.jsonld")).post(NGSI + "/entities", entity(id, "Lamp", "")).status()).isEqualTo(201);
        assertThat(allowing.api.get(NGSI + "/entities/" + id).json().get("type").asText()).isEqualTo("urn:example:Lamp");
        assertThat(fetches.get()).isEqualTo(before + 1);

        var redirected = allowing.api.link(at("127.0.0.1", "/elsewhere")).get(NGSI + "/types");
        assertThat(redirected.status()).as("a redirect to an address outside the allowed range").isEqualTo(400);
        assertThat(redirected.json().get("detail").asText()).contains("127.0.0.2");
        assertThat(fetches.get()).as("only the allowed host was asked").isEqualTo(before + 2);

        assertThat(allowing.api.link(at("localhost", "/ctx.jsonld")).get(NGSI + "/types").status())
                .as("localhost resolves to 127.0.0.1, which is allowed").isEqualTo(200);
    }

    @Test
    void contextsHostedByCityFourDAreAlwaysServed() {
        var stored = guarded.api.post(NGSI + "/jsonldContexts", "{\"@context\":{\"Pole\":\"urn:example:Pole\"}}");
        String relative = stored.header("Location").orElseThrow();
        assertThat(relative).as("relative, as the spec's examples").startsWith(NGSI + "/jsonldContexts/");
        String location = guarded.api.baseUrl() + relative;
        String id = "urn:ngsi-ld:Pole:" + UUID.randomUUID();
        assertThat(guarded.api.link(location).post(NGSI + "/entities", entity(id, "Pole", "")).status()).isEqualTo(201);
        assertThat(guarded.api.get(NGSI + "/entities/" + id).json().get("type").asText()).isEqualTo("urn:example:Pole");
        String viaLocalhost = location.replace("127.0.0.1", "localhost");
        assertThat(guarded.api.link(viaLocalhost).get(NGSI + "/entities/" + id).json().get("type").asText())
                .as("under any name of this server").isEqualTo("Pole");
        String core = location.substring(0, location.lastIndexOf('/') + 1) + "core";
        assertThat(guarded.api.link(core).get(NGSI + "/types").status()).as("the hosted core context").isEqualTo(200);
        assertThat(guarded.api.link("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld").get(NGSI + "/types").status())
                .as("the bundled core context").isEqualTo(200);
    }
}
