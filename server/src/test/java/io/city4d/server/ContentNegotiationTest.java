package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.point;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Accept lists with weights and wildcards (NGSI-LD clause 6.3.4, RFC 9110 12.5.1), the @context of GeoJSON bodies
 * (clause 6.3.15) and 204 answers with an empty body.
 */
class ContentNegotiationTest {
    private static final String ID = "urn:ngsi-ld:Vehicle:negotiated";
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    @BeforeAll
    static void createVehicle() {
        assertThat(running.api.post(NGSI + "/entities", entity(ID, "Vehicle", point(105.85, 21.03))).status()).isEqualTo(201);
    }

    @Test
    void theHeaviestAcceptedTypeWinsAndEqualWeightsFollowTheServersOrder() {
        Map<String, String> chosen = Map.of(
                "application/ld+json, application/json", "application/json",
                "application/geo+json, application/json", "application/json",
                "application/json;q=0.1, application/ld+json;q=0.9", "application/ld+json",
                "application/json;q=0, */*", "application/ld+json",
                "application/json;q=0, application/ld+json", "application/ld+json",
                "application/geo+json;q=1, application/*;q=0.5", "application/geo+json",
                "*/*", "application/json",
                "text/html, application/*;q=0.2", "application/json",
                "application/ld+json;q=notanumber", "application/ld+json",
                "application/json;q=0.5, application/ld+json;q=7", "application/ld+json");
        chosen.forEach((accept, type) -> {
            Api.Response r = running.api.accept(accept).get(NGSI + "/entities/" + ID);
            assertThat(r.status()).as(accept).isEqualTo(200);
            assertThat(r.header("Content-Type")).as(accept).hasValue(type);
        });
        for (String refused : new String[] {"text/html", "application/json;q=0, application/ld+json;q=0", "application/*;q=0"}) {
            assertThat(running.api.accept(refused).get(NGSI + "/entities/" + ID).status()).as(refused).isEqualTo(406);
        }
    }

    @Test
    void geoJsonBodiesCarryTheContextUnlessPlainJsonIsPreferred() {
        Api geo = running.api.accept("application/geo+json");
        Api.Response feature = geo.get(NGSI + "/entities/" + ID);
        assertThat(feature.json().get("@context").asText()).contains("ngsi-ld-core-context");
        assertThat(feature.header("Link")).isEmpty();
        Api.Response collection = geo.get(NGSI + "/entities?type=Vehicle");
        assertThat(collection.json().get("type").asText()).isEqualTo("FeatureCollection");
        assertThat(collection.json().has("@context")).isTrue();
        Api.Response plain = geo.with("Prefer", "body=json").get(NGSI + "/entities?type=Vehicle");
        assertThat(plain.json().has("@context")).isFalse();
        assertThat(plain.header("Link").orElseThrow()).contains("ngsi-ld-core-context");
        assertThat(running.api.get(NGSI + "/entities/" + ID + "?geometryProperty=location").status())
                .as("geometryProperty is for GeoJSON").isEqualTo(400);
    }

    @Test
    void noContentAnswersHaveAnEmptyBody() {
        String id = "urn:ngsi-ld:Vehicle:deleted";
        assertThat(running.api.post(NGSI + "/entities", entity(id, "Vehicle", "")).status()).isEqualTo(201);
        Api.Response deleted = running.api.delete(NGSI + "/entities/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        // RFC 9110 (8.6) says a 204 must not carry Content-Length; Helidon 4.5 always writes "Content-Length: 0" on one.
        assertThat(deleted.header("Content-Length")).hasValue("0");
        assertThat(running.api.get(NGSI + "/entities/" + id).status()).isEqualTo(404);
    }
}
