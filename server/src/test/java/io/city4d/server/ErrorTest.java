package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.Api.enc;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.freshType;
import static io.city4d.server.EntityApiTest.prop;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input gets a clear 4xx ProblemDetails (type, title, status, detail) with the NGSI-LD error type and status code
 * of clause 6.3.2, no stack trace, and nothing half-written.
 */
class ErrorTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer(c -> c.withMaxBody(64 * 1024));

    /** Checks the problem body and returns its NGSI-LD error type. */
    static String problem(Api.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as("NGSI-LD sends problems as application/json").hasValue("application/json");
        JsonNode p = r.json();
        assertThat(p.get("type").asText()).startsWith("https://");
        assertThat(p.get("title").asText()).isNotEmpty();
        assertThat(p.get("detail").asText()).isNotEmpty().isNotEqualTo(p.get("title").asText());
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.city4d.");
        return r.problemType();
    }

    @Test
    void unknownQueryParametersAreInvalidRequestsAndWriteNothing() {
        for (String path : List.of("/entities?type=T&invalidParam=1", "/types?invalidParams=invalidValue", "/subscriptions?invalidParams=x",
                "/attributes?details=true&colour=red", "/temporal/entities?type=T&Attrs=p", "/attributes?limit=5", "/types/T?details=true",
                "/attributes/p?type=T")) {
            assertThat(problem(running.api.get(NGSI + path), 400)).as(path).isEqualTo("InvalidRequest");
        }
        assertThat(problem(running.api.post(NGSI + "/entities?invalidParams=1", "{\"id\":\"urn:x:unknown-param\",\"type\":\"T\"}"), 400)).isEqualTo("InvalidRequest");
        assertThat(running.api.get(NGSI + "/entities/urn:x:unknown-param").status()).isEqualTo(404);
        for (String path : List.of("/entities?type=T&expandValues=status", "/temporal/entities?type=T&timeproperty=modifiedAt")) {
            assertThat(problem(running.api.get(NGSI + path), 422)).as(path).isEqualTo("OperationNotSupported");
        }
        assertThat(running.api.get(NGSI + "/temporal/entities?type=T&timeproperty=observedAt").status()).isNotEqualTo(422);
    }

    @Test
    void malformedAndEmptyBodiesAreInvalidRequests() {
        assertThat(problem(running.api.post(NGSI + "/entities", "{\"id\": "), 400)).isEqualTo("InvalidRequest");
        assertThat(problem(running.api.post(NGSI + "/entities", "not json at all"), 400)).isEqualTo("InvalidRequest");
        assertThat(problem(running.api.post(NGSI + "/entities", ""), 400)).isEqualTo("InvalidRequest");
        assertThat(problem(running.api.post(NGSI + "/entities", "{\"a\":1} trailing"), 400)).isEqualTo("InvalidRequest");
        assertThat(problem(running.api.post(NGSI + "/entityOperations/create", "[{]"), 400)).isEqualTo("InvalidRequest");
        assertThat(problem(running.api.post(NGSI + "/subscriptions", "{"), 400)).isEqualTo("InvalidRequest");
        assertThat(problem(running.api.post(NGSI + "/entities", "[]"), 400)).isEqualTo("BadRequestData");
        assertThat(problem(running.api.post(NGSI + "/entities", "{\"type\":\"T\"}"), 400)).isEqualTo("BadRequestData");
        assertThat(problem(running.api.post(NGSI + "/entities", "{\"id\":\"urn:x:1\"}"), 400)).isEqualTo("BadRequestData");
        assertThat(problem(running.api.post(NGSI + "/entities", "{\"id\":\"urn:x:2\",\"type\":\"T\",\"p\":null}"), 400)).isEqualTo("BadRequestData");
        assertThat(problem(running.api.post(NGSI + "/entities", "{\"id\":\"urn:x:3\",\"type\":\"T\",\"r\":{\"type\":\"Relationship\"}}"), 400)).isEqualTo("BadRequestData");
        assertThat(problem(running.api.post(NGSI + "/entities", "{\"id\":\"urn:x:4\",\"type\":\"T\",\"p\":{\"type\":\"Property\",\"value\":1,\"observedAt\":\"noon\"}}"), 400))
                .isEqualTo("BadRequestData");
        assertThat(running.api.get(NGSI + "/entities/urn:x:4").status()).isEqualTo(404);
        assertThat(problem(running.api.post(NGSI + "/entities", "{\"id\":\"urn:x:5\",\"type\":\"T\",\"p\":{\"type\":\"Property\",\"value\":1,"
                + "\"observedAt\":\"+999999999-12-31T23:59:59Z\"}}"), 400)).as("a date no store can hold").isEqualTo("BadRequestData");
        assertThat(running.api.post(NGSI + "/entities", "{\"id\":\"urn:x:6\",\"type\":\"T\"}").status()).as("writes go on").isEqualTo(201);
    }

    @Test
    void wrongMediaTypesAndOversizeBodies() {
        assertThat(problem(running.api.send("POST", NGSI + "/entities", "x", "text/plain"), 415)).isEqualTo("unsupported-media-type");
        assertThat(problem(running.api.send("POST", NGSI + "/entities", "{}", null), 415)).isEqualTo("unsupported-media-type");
        assertThat(running.api.send("PATCH", NGSI + "/entities/urn:x:1/attrs", "{}", "application/xml").status()).isEqualTo(415);
        String huge = entity("urn:ngsi-ld:Big:1", "Big", prop("p", "x".repeat(100 * 1024)));
        assertThat(problem(running.api.post(NGSI + "/entities", huge), 413)).isEqualTo("payload-too-large");
        assertThat(running.api.get(NGSI + "/entities/urn:ngsi-ld:Big:1").status()).isEqualTo(404);
        assertThat(problem(running.api.accept("text/csv").get(NGSI + "/types"), 406)).isEqualTo("not-acceptable");
        assertThat(running.api.accept("application/problem+json").post(NGSI + "/entities", "{").header("Content-Type"))
                .as("a client asking for application/problem+json gets it").hasValue("application/problem+json");
    }

    @Test
    void idsThatAreNotUrisAreRefused() {
        for (String id : List.of("plain", "has space", "urn:x:<tag>", "", "\\u0000")) {
            String body = "{\"id\":\"" + id + "\",\"type\":\"T\"}";
            assertThat(problem(running.api.post(NGSI + "/entities", body), 400)).as(id).isEqualTo("BadRequestData");
        }
        assertThat(problem(running.api.get(NGSI + "/entities/not-a-uri"), 400)).isEqualTo("BadRequestData");
        assertThat(problem(running.api.post(NGSI + "/entities", "{\"id\":\"urn:x:t\",\"type\":\"has space\"}"), 400)).isEqualTo("BadRequestData");
        assertThat(problem(running.api.get(NGSI + "/entities?id=nope"), 400)).isEqualTo("BadRequestData");
        assertThat(problem(running.api.post(NGSI + "/entities", "{\"id\":\"urn:x:r\",\"type\":\"T\",\"r\":{\"type\":\"Relationship\",\"object\":42}}"), 400))
                .isEqualTo("BadRequestData");
    }

    @Test
    void invalidGeoJsonIsRefusedAndValid3dGeometriesAreAccepted() {
        for (String geometry : List.of(
                "{\"type\":\"Point\",\"coordinates\":[200,10]}",
                "{\"type\":\"Point\",\"coordinates\":[10,95]}",
                "{\"type\":\"Point\",\"coordinates\":[10]}",
                "{\"type\":\"Point\",\"coordinates\":[\"a\",\"b\"]}",
                "{\"type\":\"Point\",\"coordinates\":[]}",
                "{\"type\":\"LineString\",\"coordinates\":[[0,0]]}",
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1]]]}",
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[2,2],[0,0]]]}",
                "{\"type\":\"Pointy\",\"coordinates\":[1,2]}",
                "\"not a geometry\"")) {
            String id = "urn:ngsi-ld:Geo:" + UUID.randomUUID();
            var r = running.api.post(NGSI + "/entities", entity(id, "Geo", "\"location\":{\"type\":\"GeoProperty\",\"value\":" + geometry + "}"));
            assertThat(problem(r, 400)).as(geometry).isEqualTo("BadRequestData");
            assertThat(running.api.get(NGSI + "/entities/" + id).status()).isEqualTo(404);
        }
        for (String geometry : List.of(
                "{\"type\":\"Point\",\"coordinates\":[105.85,21.03,12.5]}",
                "{\"type\":\"LineString\",\"coordinates\":[[105.85,21.03,1],[105.86,21.04,2]]}",
                "{\"type\":\"Polygon\",\"coordinates\":[[[105.85,21.03,10],[105.86,21.03,10],[105.86,21.04,10],[105.85,21.03,10]]]}",
                "{\"type\":\"MultiPoint\",\"coordinates\":[[105.85,21.03,0],[105.86,21.04,0]]}",
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}",
                "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[105.85,21.03,3]}]}")) {
            String id = "urn:ngsi-ld:Geo:" + UUID.randomUUID();
            var r = running.api.post(NGSI + "/entities", entity(id, "Geo", "\"location\":{\"type\":\"GeoProperty\",\"value\":" + geometry + "}"));
            assertThat(r.status()).as(geometry + " " + r.body()).isEqualTo(201);
        }
    }

    @Test
    void malformedQueriesAreBadRequestDataAndUnknownAttributesMatchNothing() {
        String type = freshType();
        running.api.post(NGSI + "/entities", entity("urn:ngsi-ld:" + type + ":1", type, prop("a", 1)));
        for (String q : List.of("a>>1", "a==", "(a==1", "a==1)", "a==1;", ";", "a~=\"[\"", "a==\"open", "a>1..3", "a=1")) {
            assertThat(problem(running.api.get(NGSI + "/entities?type=" + type + "&q=" + enc(q)), 400)).as(q).isEqualTo("BadRequestData");
        }
        var unknown = running.api.get(NGSI + "/entities?type=" + type + "&q=" + enc("noSuchAttribute>3"));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json()).isEmpty();
        for (String geo : List.of("georel=near&geometry=Point&coordinates=%5B1,2%5D", "georel=near;maxDistance==x&geometry=Point&coordinates=%5B1,2%5D",
                "georel=close&geometry=Point&coordinates=%5B1,2%5D", "georel=within&geometry=Point", "georel=within&geometry=Polygon&coordinates=oops",
                "georel=near;maxDistance==-5&geometry=Point&coordinates=%5B1,2%5D", "georel=within;maxDistance==5&geometry=Point&coordinates=%5B1,2%5D")) {
            assertThat(problem(running.api.get(NGSI + "/entities?type=" + type + "&" + geo), 400)).as(geo).isEqualTo("BadRequestData");
        }
        assertThat(problem(running.api.get(NGSI + "/entities"), 400)).as("an unrestricted query").isEqualTo("BadRequestData");
        assertThat(problem(running.api.get(NGSI + "/entities?type=" + type + "&idPattern=" + enc("[")), 400)).isEqualTo("BadRequestData");
    }

    @Test
    void hostileQueryStringsAreRefusedQuickly() {
        String type = freshType();
        String victim = "urn:ngsi-ld:" + type + ":" + "a".repeat(40) + "!";
        running.api.post(NGSI + "/entities", entity(victim, type, prop("name", "a".repeat(40) + "!")));

        assertThat(problem(running.api.get(NGSI + "/entities?type=" + type + "&q=" + enc("a==1;".repeat(2000) + "a==1")), 403)).isEqualTo("TooComplexQuery");
        assertThat(problem(running.api.get(NGSI + "/entities?type=" + type + "&q=" + enc("(".repeat(100) + "a==1" + ")".repeat(100))), 403)).isEqualTo("TooComplexQuery");

        Instant start = Instant.now();
        var bomb = running.api.get(NGSI + "/entities?type=" + type + "&idPattern=" + enc("^urn:ngsi-ld:" + type + ":(.*a){12}b$"));
        assertThat(problem(bomb, 403)).isEqualTo("TooComplexQuery");
        var qBomb = running.api.get(NGSI + "/entities?type=" + type + "&q=" + enc("name~=\"^(.*a){12}b$\""));
        assertThat(problem(qBomb, 403)).isEqualTo("TooComplexQuery");
        assertThat(Duration.between(start, Instant.now())).as("a regex bomb is cut short").isLessThan(Duration.ofSeconds(5));

        var longUri = running.api.get(NGSI + "/entities?type=" + type + "&q=" + "a".repeat(200_000));
        assertThat(longUri.status()).isBetween(400, 431);
        for (String broken : List.of("?type=T&q=%ZZ", "?type=%", "?type=T&idPattern=%E0%A4%A", "?type=T\u0001")) {
            String answer = raw("GET " + NGSI + "/entities" + broken + " HTTP/1.1");
            assertThat(answer).as(broken).matches("(?s)HTTP/1.1 4\\d\\d .*");
            assertThat(answer).as(broken).contains("\"type\":\"https://").doesNotContain("Exception");
        }
        assertThat(running.api.get(NGSI + "/types").status()).as("the server is still fine").isEqualTo(200);
    }

    /** Sends a request line that no HTTP client library would send, and returns the whole answer. */
    static String raw(String requestLine) {
        String base = running.api.baseUrl();
        int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2_000);
            String request = requestLine + "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestServer.ADMIN + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) > 0; ) got.write(buffer, 0, n);
            } catch (java.net.SocketTimeoutException e) {
                // what came is the answer
            }
            return got.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        assertThat(running.api.get(NGSI + "/nothingHere").status()).isEqualTo(404);
        var method = running.api.send("POST", NGSI + "/entities/urn:ngsi-ld:T:1", "{}", "application/json");
        assertThat(method.status()).isIn(404, 405);
        assertThat(problem(running.api.send("PUT", NGSI + "/entities", "[]", "application/json"), 400)).as("the entity id is missing").isEqualTo("BadRequestData");
        assertThat(problem(running.api.get(NGSI + "/entities?type=T&limit=ten"), 400)).isEqualTo("BadRequestData");
    }
}
