package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.security.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /events streams changes as Server-Sent Events, filtered by type, bounding box and tenant. */
class EventStreamTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    /** An open stream whose data lines arrive in a queue. */
    record Stream(HttpResponse<java.util.stream.Stream<String>> response, BlockingQueue<String> data) implements AutoCloseable {
        static Stream open(HttpRequest.Builder request) throws Exception {
            HttpResponse<java.util.stream.Stream<String>> response = running.server.http.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofLines())
                    .get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            BlockingQueue<String> data = new LinkedBlockingQueue<>();
            Thread.ofVirtual().start(() -> response.body().filter(l -> l.startsWith("data:")).forEach(data::add));
            Thread.sleep(200);
            return new Stream(response, data);
        }

        String next(long millis) throws InterruptedException {
            return data.poll(millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    @Test
    void streamsOnlyChangesOfTheTypeInsideTheBox() throws Exception {
        try (Stream stream = Stream.open(running.server.request("/events?type=AirQualityObserved&bbox=105.84,21.02,105.86,21.04"))) {
            running.server.post("/ngsi-ld/v1/entities", TestServer.station("urn:ngsi-ld:AirQualityObserved:far", 1, 106.5, 21.5));
            running.server.post("/ngsi-ld/v1/entities", "{\"id\":\"urn:ngsi-ld:Sensor:other\",\"type\":\"Sensor\",\"v\":{\"type\":\"Property\",\"value\":1}}");
            running.server.post("/ngsi-ld/v1/entities", TestServer.station("urn:ngsi-ld:AirQualityObserved:inside", 1, 105.85, 21.03));
            String data = stream.next(10_000);
            assertThat(data).contains("urn:ngsi-ld:AirQualityObserved:inside").contains("\"kind\":\"created\"");
            running.server.patch("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:inside/attrs", "{\"pm25\":{\"type\":\"Property\",\"value\":2}}");
            assertThat(stream.next(10_000)).contains("\"kind\":\"updated\"");
            assertThat(stream.next(300)).isNull();
        }
    }

    @Test
    void streamsOnlyTheRequestedTenant() throws Exception {
        try (Stream stream = Stream.open(running.server.request("/events").header("NGSILD-Tenant", "sse"))) {
            running.server.post("/ngsi-ld/v1/entities", TestServer.station("urn:ngsi-ld:AirQualityObserved:default-tenant", 1, 105.85, 21.03));
            running.server.send(running.server.request("/ngsi-ld/v1/entities").header("Content-Type", "application/json").header("NGSILD-Tenant", "sse")
                    .POST(HttpRequest.BodyPublishers.ofString(TestServer.station("urn:ngsi-ld:AirQualityObserved:sse-tenant", 1, 105.85, 21.03))));
            String data = stream.next(10_000);
            assertThat(data).contains("sse-tenant");
        }
    }

    @Test
    void sendsEntitiesCompactedAsTheNgsiLdApiDoes() throws Exception {
        try (Stream stream = Stream.open(running.server.request("/events?type=AirQualityObserved"))) {
            assertThat(stream.response().headers().firstValue("Link").orElse("")).contains(io.city4d.core.model.Vocabulary.CORE_CONTEXT_URL);
            running.server.post("/ngsi-ld/v1/entities", TestServer.station("urn:ngsi-ld:AirQualityObserved:compacted", 1, 105.85, 21.03));
            JsonNode entity = Api.parse(stream.next(10_000).substring("data:".length())).get("entity");
            assertThat(entity.toString()).doesNotContain("https://uri.etsi.org");
            assertThat(entity.get("type").asText()).isEqualTo("AirQualityObserved");
            assertThat(entity.path("pm25").path("value").asDouble()).isEqualTo(1);
            assertThat(entity.path("location").path("type").asText()).isEqualTo("GeoProperty");
        }
    }

    @Test
    void compactsWithTheContextOfTheLinkHeaderAndFiltersByItsTerms() throws Exception {
        String context = running.api.post(Api.NGSI + "/jsonldContexts",
                "{\"@context\":{\"Station\":\"https://uri.etsi.org/ngsi-ld/default-context/AirQualityObserved\","
                        + "\"fineDust\":\"https://uri.etsi.org/ngsi-ld/default-context/pm25\"}}").header("Location").orElseThrow();
        context = running.api.baseUrl() + context;
        String link = "<" + context + ">; " + Api.LINK_REL;
        try (Stream stream = Stream.open(running.server.request("/events?type=Station").header("Link", link))) {
            assertThat(stream.response().headers().firstValue("Link").orElse("")).contains(context);
            running.server.post("/ngsi-ld/v1/entities", TestServer.station("urn:ngsi-ld:AirQualityObserved:linked", 7, 105.85, 21.03));
            JsonNode entity = Api.parse(stream.next(10_000).substring("data:".length())).get("entity");
            assertThat(entity.get("type").asText()).isEqualTo("Station");
            assertThat(entity.path("fineDust").path("value").asDouble()).isEqualTo(7);
        }
        assertThat(running.api.with("Link", "<nope").get("/events").status()).isEqualTo(400);
    }

    @Test
    void anAcceptThatRulesOutEventStreamsIs406WithAProblem() {
        Api.Response json = running.api.accept("application/json").get("/events");
        assertThat(json.status()).isEqualTo(406);
        assertThat(json.json().path("detail").asText()).contains("text/event-stream");
        assertThat(running.api.accept("text/html, application/xhtml+xml").get("/events").status()).isEqualTo(406);
    }

    @Test
    void refusesDevicesAndBadBoxes() {
        Api api = running.server.api();
        assertThat(api.token(running.server.issue(Role.DEVICE, null)).get("/events").status()).isEqualTo(403);
        assertThat(api.get("/events?bbox=1,2,3").status()).isEqualTo(400);
        assertThat(api.get("/events?bbox=a,b,c,d").status()).isEqualTo(400);
    }
}
