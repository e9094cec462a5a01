package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.Api.enc;
import static io.city4d.server.EntityApiTest.entity;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Remote @contexts City4D fetched are listed and served as Cached contexts (clause 5.13), with their use counted; a
 * delete forgets one, a reload fetches it again and, when that fails, keeps the one it had.
 */
class CachedContextTest {
    private static final String CORE = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";
    @RegisterExtension
    static final RunningServer running = new RunningServer(c -> c.withContextAllow(List.of("127.0.0.1/32")));
    static HttpServer contexts;
    /** What the context server answers for /ctx-N.jsonld: a context document, or null for a 503. */
    static final AtomicReference<String> served = new AtomicReference<>();

    @BeforeAll
    static void start() throws IOException {
        contexts = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        contexts.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        contexts.createContext("/", exchange -> {
            String document = served.get();
            byte[] body = document == null ? new byte[0] : document.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(document == null ? 503 : 200, document == null ? -1 : body.length);
            if (document != null) exchange.getResponseBody().write(body);
            exchange.close();
        });
        contexts.start();
    }

    @AfterAll
    static void stop() {
        contexts.stop(0);
    }

    private static String remote(String name) {
        return "http://127.0.0.1:" + contexts.getAddress().getPort() + "/" + name + ".jsonld";
    }

    private static String create(String contextUrl, String type) {
        String id = "urn:ngsi-ld:" + type + ":" + UUID.randomUUID();
        var r = running.api.link(contextUrl).post(NGSI + "/entities", entity(id, type, ""));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return id;
    }

    private static JsonNode details(String urlOrId) {
        var r = running.api.get(NGSI + "/jsonldContexts/" + enc(urlOrId) + "?details=true");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void aFetchedContextIsListedAndServedAsCachedWithItsUsesCounted() {
        String url = remote("ctx-listed");
        served.set("{\"@context\":{\"Lamp\":\"urn:example:Lamp\"}}");
        create(url, "Lamp");

        var listed = running.api.get(NGSI + "/jsonldContexts?kind=Cached");
        assertThat(listed.json()).extracting(JsonNode::asText).contains(CORE, url);
        assertThat(running.api.get(NGSI + "/jsonldContexts?kind=Hosted").json()).extracting(JsonNode::asText).doesNotContain(url);

        JsonNode info = details(url);
        assertThat(info.get("URL").asText()).isEqualTo(url);
        assertThat(info.get("kind").asText()).isEqualTo("Cached");
        assertThat(info.get("createdAt").asText()).endsWith("Z");
        assertThat(info.get("numberOfHits").asInt()).as("the entity's creation").isEqualTo(1);
        assertThat(info.get("lastUsage").asText()).endsWith("Z");
        String localId = info.get("localId").asText();

        create(url, "Lamp");
        assertThat(details(localId).get("numberOfHits").asInt()).as("by its local id, after the serving before and a second entity").isEqualTo(3);
        var document = running.api.get(NGSI + "/jsonldContexts/" + enc(url));
        assertThat(document.json().at("/@context/Lamp").asText()).isEqualTo("urn:example:Lamp");
        assertThat(running.api.get(NGSI + "/jsonldContexts?details=true&kind=Cached").json())
                .anySatisfy(c -> assertThat(c.get("URL").asText()).isEqualTo(url)).allSatisfy(c -> assertThat(c.get("kind").asText()).isEqualTo("Cached"));
    }

    @Test
    void aFailedReloadKeepsTheCachedContextAndADeleteForgetsIt() {
        String url = remote("ctx-reloaded");
        served.set("{\"@context\":{\"Pole\":\"urn:example:Pole\"}}");
        String id = create(url, "Pole");

        served.set(null);
        var failed = running.api.delete(NGSI + "/jsonldContexts/" + enc(url) + "?reload=true");
        assertThat(failed.status()).as(failed.toString()).isEqualTo(504);
        assertThat(failed.json().get("type").asText()).endsWith("LdContextNotAvailable");
        assertThat(details(url).get("kind").asText()).isEqualTo("Cached");
        assertThat(running.api.link(url).get(NGSI + "/entities/" + id).json().get("type").asText()).as("still used").isEqualTo("Pole");

        served.set("{\"@context\":{\"Pole\":\"urn:example:Mast\"}}");
        assertThat(running.api.delete(NGSI + "/jsonldContexts/" + enc(url) + "?reload=true").status()).isEqualTo(204);
        assertThat(running.api.get(NGSI + "/jsonldContexts/" + enc(url)).json().at("/@context/Pole").asText()).isEqualTo("urn:example:Mast");
        assertThat(running.api.link(url).get(NGSI + "/entities/" + id).json().get("type").asText()).as("the reloaded terms apply")
                .isEqualTo("urn:example:Pole");

        assertThat(running.api.delete(NGSI + "/jsonldContexts/" + enc(url)).status()).isEqualTo(204);
        assertThat(running.api.get(NGSI + "/jsonldContexts/" + enc(url) + "?details=true").status()).isEqualTo(404);
        assertThat(running.api.delete(NGSI + "/jsonldContexts/" + enc(url)).status()).isEqualTo(404);
    }

    @Test
    void theCoreContextIsReloadedButNotDeleted() {
        assertThat(details(CORE).get("createdAt").asText()).endsWith("Z");
        assertThat(running.api.delete(NGSI + "/jsonldContexts/" + enc(CORE) + "?reload=true").status()).isEqualTo(204);
        assertThat(running.api.delete(NGSI + "/jsonldContexts/" + enc(CORE)).status()).isEqualTo(400);
        assertThat(running.api.get(NGSI + "/jsonldContexts/core").status()).isEqualTo(200);
    }
}
