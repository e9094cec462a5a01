package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.Api.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a client sends as q, idPattern, a geo-query, a date-time or a body, the answer is a success or a 4xx
 * problem body, never a 500.
 */
class HostileInputPropertyTest {
    static TestServer server;
    static Api api;

    @BeforeContainer
    static void start() throws IOException {
        server = new TestServer(Files.createTempDirectory("city4d-hostile"));
        api = server.api();
        api.post(NGSI + "/entities", """
                {"id":"urn:ngsi-ld:Fuzz:1","type":"Fuzz","a":{"type":"Property","value":5,"sub":{"type":"Property","value":"x"}},
                 "b":{"type":"Property","value":"text"},"c":{"type":"Property","value":{"k":[1,2]}},
                 "r":{"type":"Relationship","object":"urn:ngsi-ld:Fuzz:2"},
                 "location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[105.85,21.03]}}}""");
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    static void assertHandled(Api.Response r, String input) {
        assertThat(r.status()).as(input + " -> " + r).isLessThan(500);
        if (r.status() >= 400) {
            JsonNode problem = r.json();
            assertThat(problem.get("type").asText()).as(input).startsWith("https://");
            assertThat(problem.get("detail").asText()).as(input).isNotEmpty();
        }
    }

    @Property(tries = 300)
    void randomQNeverFailsTheServer(@ForAll("qs") String q) {
        assertHandled(api.get(NGSI + "/entities?type=Fuzz&q=" + enc(q)), q);
    }

    @Property(tries = 100)
    void randomIdPatternsNeverFailTheServer(@ForAll("patterns") String pattern) {
        assertHandled(api.get(NGSI + "/entities?type=Fuzz&idPattern=" + enc(pattern)), pattern);
    }

    @Property(tries = 100)
    void randomGeoQueriesNeverFailTheServer(@ForAll("georels") String georel, @ForAll("geometries") String geometry, @ForAll("coordinates") String coordinates) {
        String query = "georel=" + enc(georel) + "&geometry=" + enc(geometry) + "&coordinates=" + enc(coordinates);
        assertHandled(api.get(NGSI + "/entities?type=Fuzz&" + query), query);
    }

    @Property(tries = 100)
    void randomTemporalParametersNeverFailTheServer(@ForAll("timerels") String timerel, @ForAll("times") String timeAt, @ForAll("times") String endTimeAt) {
        String query = "timerel=" + enc(timerel) + "&timeAt=" + enc(timeAt) + "&endTimeAt=" + enc(endTimeAt) + "&lastN=3";
        assertHandled(api.get(NGSI + "/temporal/entities/urn:ngsi-ld:Fuzz:1?" + query), query);
    }

    @Property(tries = 200)
    void randomBodiesNeverFailTheServer(@ForAll("bodies") String body) {
        assertHandled(api.post(NGSI + "/entities", body), body);
        assertHandled(api.patch(NGSI + "/entities/urn:ngsi-ld:Fuzz:1/attrs", body), body);
        assertHandled(api.post(NGSI + "/entityOperations/upsert", "[" + body + "]"), body);
        assertHandled(api.post(NGSI + "/subscriptions", body), body);
    }

    @Provide
    Arbitrary<String> qs() {
        Arbitrary<String> token = Arbitraries.of("a", "b", "c", "r", "a.sub", "c[k]", "nope", "==", "!=", ">", ">=", "<", "<=", "~=", "!~=", ";", "|",
                "(", ")", "!", "5", "-1.5e3", "1..9", "\"text\"", "\"", ",", "true", "2026-11-25T08:00:00Z", "urn:ngsi-ld:Fuzz:2", "..", "[", "]",
                "\\", "\"^t.*\"", "\"(\"", " ", "%", "é", "*");
        return token.list().ofMinSize(1).ofMaxSize(12).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of("(", ")", "[", "]", "*", "+", "?", "{2}", "{", "a", ".", "^", "$", "|", "\\", "\\d", "urn:ngsi-ld:", "(?i)", "(?<n>x)", "\\k<n>")
                .list().ofMinSize(1).ofMaxSize(10).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> georels() {
        return Arbitraries.of("near;maxDistance==100", "near;minDistance==5", "near", "near;maxDistance==", "near;maxDistance==-1", "within", "contains",
                "intersects", "disjoint", "equals", "overlaps", "bogus", "", ";", "near;foo==1", "within;maxDistance==1", "near;maxDistance==1e400");
    }

    @Provide
    Arbitrary<String> geometries() {
        return Arbitraries.of("Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection", "Circle", "");
    }

    @Provide
    Arbitrary<String> coordinates() {
        return Arbitraries.of("[105.85,21.03]", "[105.85,21.03,5]", "[[105.8,21.0],[105.9,21.1]]", "[[[105.8,21.0],[105.9,21.0],[105.9,21.1],[105.8,21.0]]]",
                "[[[0,0],[1,1],[1,0],[0,1],[0,0]]]", "[1]", "[]", "[[]]", "[[[]]]", "x", "{}", "null", "[1e999,0]", "[\"a\",\"b\"]", "[[1,2]", "[200,100]");
    }

    @Provide
    Arbitrary<String> timerels() {
        return Arbitraries.of("before", "after", "between", "", "during", "BEFORE");
    }

    @Provide
    Arbitrary<String> times() {
        return Arbitraries.of("2026-11-25T08:00:00Z", "2026-11-25T08:00:00+07:00", "2026-11-25", "yesterday", "", "2026-13-45T99:99:99Z",
                "+999999999-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z", "2026-11-25T08:00:00.123456789Z", "1");
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> piece = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"id\"", "\"type\"", "\"urn:ngsi-ld:Fuzz:9\"", "\"Fuzz\"", "\"a\"",
                "{\"type\":\"Property\",\"value\":1}", "{\"type\":\"Relationship\",\"object\":1}", "{\"type\":\"GeoProperty\",\"value\":{\"type\":\"Point\"}}",
                "{\"type\":\"Property\"}", "null", "1", "true", "\"@context\"", "\"x\"", "[{\"type\":\"Property\",\"value\":1,\"datasetId\":\"urn:x\"}]",
                "\"observedAt\"", "\"2026\"", "{\"value\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0]]]}}", "\"notification\"", "\"entities\"");
        return piece.list().ofMinSize(1).ofMaxSize(14).map(l -> String.join("", l));
    }
}
