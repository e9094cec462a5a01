package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.Api.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Whatever a client sends as q, idPattern, a geo-query, a date-time or a body, the answer is a success or a 4xx
 * problem body, never a 500.
 */
class HostileInputPropertyTest {
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer(Files.createTempDirectory("city4d-hostile"));
        api = server.api();
        api.post(NGSI + "/entities", """
                {"id":"urn:ngsi-ld:Fuzz:1","type":"Fuzz","a":{"type":"Property","value":5,"sub":{"type":"Property","value":"x"}},
                 "b":{"type":"Property","value":"text"},"c":{"type":"Property","value":{"k":[1,2]}},
                 "r":{"type":"Relationship","object":"urn:ngsi-ld:Fuzz:2"},
                 "location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[105.85,21.03]}}}""");
    }

    @AfterAll
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

    @Test
    void randomQNeverFailsTheServer() {
        qt().withExamples(300).forAll(qs()).checkAssert(q -> assertHandled(api.get(NGSI + "/entities?type=Fuzz&q=" + enc(q)), q));
    }

    @Test
    void randomIdPatternsNeverFailTheServer() {
        qt().withExamples(100).forAll(patterns()).checkAssert(pattern -> assertHandled(api.get(NGSI + "/entities?type=Fuzz&idPattern=" + enc(pattern)), pattern));
    }

    @Test
    void randomGeoQueriesNeverFailTheServer() {
        qt().withExamples(100).forAll(georels(), geometries(), coordinates()).checkAssert((georel, geometry, coordinates) -> {
            String query = "georel=" + enc(georel) + "&geometry=" + enc(geometry) + "&coordinates=" + enc(coordinates);
            assertHandled(api.get(NGSI + "/entities?type=Fuzz&" + query), query);
        });
    }

    @Test
    void randomTemporalParametersNeverFailTheServer() {
        qt().withExamples(100).forAll(timerels(), times(), times()).checkAssert((timerel, timeAt, endTimeAt) -> {
            String query = "timerel=" + enc(timerel) + "&timeAt=" + enc(timeAt) + "&endTimeAt=" + enc(endTimeAt) + "&lastN=3";
            assertHandled(api.get(NGSI + "/temporal/entities/urn:ngsi-ld:Fuzz:1?" + query), query);
        });
    }

    @Test
    void randomBodiesNeverFailTheServer() {
        qt().withExamples(200).forAll(bodies()).checkAssert(body -> {
            assertHandled(api.post(NGSI + "/entities", body), body);
            assertHandled(api.patch(NGSI + "/entities/urn:ngsi-ld:Fuzz:1/attrs", body), body);
            assertHandled(api.post(NGSI + "/entityOperations/upsert", "[" + body + "]"), body);
            assertHandled(api.post(NGSI + "/subscriptions", body), body);
        });
    }

    /** The tokens joined: strings built from pieces of a grammar reach deeper branches than random text. */
    private static Gen<String> joined(int minCount, int maxCount, String... tokens) {
        return lists().of(Generate.pick(List.of(tokens))).ofSizeBetween(minCount, maxCount).map(pieces -> String.join("", pieces));
    }

    private static Gen<String> oneOf(String... values) {
        return Generate.pick(List.of(values));
    }

    private static Gen<String> qs() {
        return joined(1, 12, "a", "b", "c", "r", "a.sub", "c[k]", "nope", "==", "!=", ">", ">=", "<", "<=", "~=", "!~=", ";", "|",
                "(", ")", "!", "5", "-1.5e3", "1..9", "\"text\"", "\"", ",", "true", "2026-11-25T08:00:00Z", "urn:ngsi-ld:Fuzz:2", "..", "[", "]",
                "\\", "\"^t.*\"", "\"(\"", " ", "%", "é", "*");
    }

    private static Gen<String> patterns() {
        return joined(1, 10, "(", ")", "[", "]", "*", "+", "?", "{2}", "{", "a", ".", "^", "$", "|", "\\", "\\d", "urn:ngsi-ld:", "(?i)", "(?<n>x)", "\\k<n>");
    }

    private static Gen<String> georels() {
        return oneOf("near;maxDistance==100", "near;minDistance==5", "near", "near;maxDistance==", "near;maxDistance==-1", "within", "contains",
                "intersects", "disjoint", "equals", "overlaps", "bogus", "", ";", "near;foo==1", "within;maxDistance==1", "near;maxDistance==1e400");
    }

    private static Gen<String> geometries() {
        return oneOf("Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection", "Circle", "");
    }

    private static Gen<String> coordinates() {
        return oneOf("[105.85,21.03]", "[105.85,21.03,5]", "[[105.8,21.0],[105.9,21.1]]", "[[[105.8,21.0],[105.9,21.0],[105.9,21.1],[105.8,21.0]]]",
                "[[[0,0],[1,1],[1,0],[0,1],[0,0]]]", "[1]", "[]", "[[]]", "[[[]]]", "x", "{}", "null", "[1e999,0]", "[\"a\",\"b\"]", "[[1,2]", "[200,100]");
    }

    private static Gen<String> timerels() {
        return oneOf("before", "after", "between", "", "during", "BEFORE");
    }

    private static Gen<String> times() {
        return oneOf("2026-11-25T08:00:00Z", "2026-11-25T08:00:00+07:00", "2026-11-25", "yesterday", "", "2026-13-45T99:99:99Z",
                "+999999999-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z", "2026-11-25T08:00:00.123456789Z", "1");
    }

    private static Gen<String> bodies() {
        return joined(1, 14, "{", "}", "[", "]", ",", ":", "\"id\"", "\"type\"", "\"urn:ngsi-ld:Fuzz:9\"", "\"Fuzz\"", "\"a\"",
                "{\"type\":\"Property\",\"value\":1}", "{\"type\":\"Relationship\",\"object\":1}", "{\"type\":\"GeoProperty\",\"value\":{\"type\":\"Point\"}}",
                "{\"type\":\"Property\"}", "null", "1", "true", "\"@context\"", "\"x\"", "[{\"type\":\"Property\",\"value\":1,\"datasetId\":\"urn:x\"}]",
                "\"observedAt\"", "\"2026\"", "{\"value\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0]]]}}", "\"notification\"", "\"entities\"");
    }
}
