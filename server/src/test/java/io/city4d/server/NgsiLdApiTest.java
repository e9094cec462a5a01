package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NGSI-LD API through real HTTP on the embedded store. */
class NgsiLdApiTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    static String station(String id, double pm25, double lon, double lat) {
        return """
                {"id":"%s","type":"AirQualityObserved",
                 "pm25":{"type":"Property","value":%s,"unitCode":"GQ","observedAt":"2026-11-25T08:00:00Z"},
                 "location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[%s,%s]}}}
                """.formatted(id, pm25, lon, lat);
    }

    @Test
    void healthIsPublicAndTheApiNeedsAToken() {
        assertThat(server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.city.baseUrl() + "/health"))).statusCode()).isEqualTo(200);
        var anonymous = server.send(HttpRequest.newBuilder(java.net.URI.create(server.city.baseUrl() + "/ngsi-ld/v1/types")));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        var wrong = server.send(HttpRequest.newBuilder(java.net.URI.create(server.city.baseUrl() + "/ngsi-ld/v1/types")).header("Authorization", "Bearer nope"));
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void createReadUpdateAndDeleteAnEntity() throws Exception {
        var created = server.post("/ngsi-ld/v1/entities", station("urn:ngsi-ld:AirQualityObserved:crud", 31.2, 105.85, 21.03));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:crud");

        JsonNode entity = json(server.get("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:crud"));
        assertThat(entity.get("type").asText()).isEqualTo("AirQualityObserved");
        assertThat(entity.at("/pm25/value").asDouble()).isEqualTo(31.2);
        assertThat(entity.at("/pm25/unitCode").asText()).isEqualTo("GQ");
        assertThat(entity.at("/location/value/type").asText()).isEqualTo("Point");

        var again = server.post("/ngsi-ld/v1/entities", station("urn:ngsi-ld:AirQualityObserved:crud", 1, 105.85, 21.03));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("type").asText()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/AlreadyExists");

        assertThat(server.patch("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:crud/attrs",
                "{\"pm25\":{\"type\":\"Property\",\"value\":44,\"observedAt\":\"2026-11-25T09:00:00Z\"}}").statusCode()).isEqualTo(204);
        JsonNode keyValues = json(server.get("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:crud?options=keyValues"));
        assertThat(keyValues.get("pm25").asDouble()).isEqualTo(44);

        JsonNode history = json(server.get("/ngsi-ld/v1/temporal/entities/urn:ngsi-ld:AirQualityObserved:crud?attrs=pm25&lastN=5"));
        assertThat(history.get("pm25")).hasSize(2);

        assertThat(server.delete("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:crud").statusCode()).isEqualTo(204);
        var gone = server.get("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:crud");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json(gone).get("type").asText()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound");
    }

    @Test
    void queriesByTypeQAndGeoWithCount() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(server.post("/ngsi-ld/v1/entities", station("urn:ngsi-ld:AirQualityObserved:q" + i, 10 * i, 105.85 + i * 0.001, 21.03)).statusCode()).isEqualTo(201);
        }
        var r = server.get("/ngsi-ld/v1/entities?type=AirQualityObserved&q=pm25%3E=50&count=true&idPattern=.*:q.*");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r)).hasSize(5);
        assertThat(r.headers().firstValue("NGSILD-Results-Count")).hasValue("5");

        var near = server.get("/ngsi-ld/v1/entities?type=AirQualityObserved&idPattern=.*:q.*&georel=near;maxDistance==250&geometry=Point&coordinates=%5B105.85,21.03%5D");
        assertThat(json(near)).hasSize(3);
    }

    @Test
    void badInputGetsAProblemAndWritesNothing() throws Exception {
        var malformed = server.post("/ngsi-ld/v1/entities", "{\"id\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("type").asText()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/BadRequestData");
        assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("at io.");

        var wrongType = server.send(server.request("/ngsi-ld/v1/entities").header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(wrongType.statusCode()).isEqualTo(415);

        var notUri = server.post("/ngsi-ld/v1/entities", "{\"id\":\"not a uri\",\"type\":\"T\"}");
        assertThat(notUri.statusCode()).isEqualTo(400);

        var badGeo = server.post("/ngsi-ld/v1/entities", "{\"id\":\"urn:x:badgeo\",\"type\":\"T\",\"location\":{\"type\":\"GeoProperty\",\"value\":{\"type\":\"Point\",\"coordinates\":[500,1]}}}");
        assertThat(badGeo.statusCode()).isEqualTo(400);
        assertThat(server.get("/ngsi-ld/v1/entities/urn:x:badgeo").statusCode()).isEqualTo(404);

        assertThat(server.get("/ngsi-ld/v1/entities?type=T&q=a%3E%3E").statusCode()).isEqualTo(400);
        assertThat(server.get("/ngsi-ld/v1/entities").statusCode()).isEqualTo(400);
        assertThat(server.get("/ngsi-ld/v1/entities?type=T&georel=near&geometry=Point&coordinates=%5B1,2%5D").statusCode()).isEqualTo(400);

        String huge = "{\"id\":\"urn:x:big\",\"type\":\"T\",\"p\":\"" + "x".repeat(5 << 20) + "\"}";
        assertThat(server.post("/ngsi-ld/v1/entities", huge).statusCode()).isEqualTo(413);
    }

    @Test
    void batchCreateReportsEachItem() throws Exception {
        String body = "[" + station("urn:ngsi-ld:AirQualityObserved:b1", 1, 105.85, 21.03) + ","
                + "{\"id\":\"bad id\",\"type\":\"T\"}," + station("urn:ngsi-ld:AirQualityObserved:b2", 2, 105.85, 21.03) + "]";
        var r = server.post("/ngsi-ld/v1/entityOperations/create", body);
        assertThat(r.statusCode()).isEqualTo(207);
        JsonNode result = json(r);
        assertThat(result.get("success")).hasSize(2);
        assertThat(result.get("errors")).hasSize(1);
        assertThat(result.at("/errors/0/error/type").asText()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/BadRequestData");
    }

    @Test
    void tenantsAreIsolated() throws Exception {
        var created = server.send(server.request("/ngsi-ld/v1/entities").header("Content-Type", "application/json").header("NGSILD-Tenant", "district1")
                .POST(HttpRequest.BodyPublishers.ofString(station("urn:ngsi-ld:AirQualityObserved:tenant", 5, 105.85, 21.03))));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(server.get("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:tenant").statusCode()).isEqualTo(404);
        var inTenant = server.send(server.request("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:tenant").header("NGSILD-Tenant", "district1").GET());
        assertThat(inTenant.statusCode()).isEqualTo(200);
        assertThat(server.send(server.request("/ngsi-ld/v1/types").header("NGSILD-Tenant", "bad tenant!").GET()).statusCode()).isEqualTo(400);
    }

    @Test
    void typesAndAttributesAreDiscoverable() throws Exception {
        server.post("/ngsi-ld/v1/entities", station("urn:ngsi-ld:AirQualityObserved:disc", 3, 105.85, 21.03));
        JsonNode types = json(server.get("/ngsi-ld/v1/types"));
        assertThat(types.get("typeList").toString()).contains("AirQualityObserved");
        JsonNode attrs = json(server.get("/ngsi-ld/v1/attributes"));
        assertThat(attrs.get("attributeList").toString()).contains("pm25");
    }
}
