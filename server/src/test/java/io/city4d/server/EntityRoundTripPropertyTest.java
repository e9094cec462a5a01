package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.maps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Random NGSI-LD entities round-trip through a real server: POSTed in the normalized form, they come back equal in
 * the normalized form, as the keyValues simplification of themselves, and as a concise form that, POSTed again,
 * gives the same entity.
 */
class EntityRoundTripPropertyTest {
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer(Files.createTempDirectory("city4d-roundtrip"));
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void entitiesRoundTripInEveryRepresentation() {
        qt().withExamples(40).forAll(entities()).checkAssert(EntityRoundTripPropertyTest::roundTrips);
    }

    private static void roundTrips(ObjectNode entity) {
        String id = entity.get("id").asText();
        var created = api.post(NGSI + "/entities", entity.toString());
        assertThat(created.status()).as(created + " for " + entity).isEqualTo(201);

        JsonNode normalized = api.get(NGSI + "/entities/" + id).json();
        assertThat(normalized).isEqualTo(entity);
        assertThat(api.get(NGSI + "/entities/" + id + "?options=keyValues").json()).isEqualTo(keyValues(entity));

        JsonNode concise = api.get(NGSI + "/entities/" + id + "?options=concise").json();
        String copyId = id + "-copy";
        ObjectNode copy = ((ObjectNode) concise.deepCopy()).put("id", copyId);
        assertThat(api.post(NGSI + "/entities", copy.toString()).status()).isEqualTo(201);
        assertThat(api.get(NGSI + "/entities/" + copyId).json()).isEqualTo(entity.deepCopy().put("id", copyId));
        assertThat(api.get(NGSI + "/entities?id=" + id + "," + copyId + "&local=true&options=keyValues").json()).hasSize(2);
    }

    /** The keyValues form NGSI-LD defines: each attribute by its value, object or geometry. */
    static ObjectNode keyValues(ObjectNode entity) {
        ObjectNode out = Json.NODES.objectNode();
        entity.fields().forEachRemaining(f -> {
            JsonNode a = f.getValue();
            if (!a.isObject()) out.set(f.getKey(), a);
            else out.set(f.getKey(), a.has("object") ? a.get("object") : a.get("value"));
        });
        return out;
    }

    private static Gen<ObjectNode> entities() {
        Gen<Map<String, JsonNode>> attributes = maps().of(names(), attribute(true)).ofSizeBetween(0, 6);
        return Generate.pick(List.of("Bus", "ParkingSpot", "AirQualityObserved", "Streetlight")).zip(attributes, (type, attrs) -> {
            ObjectNode e = Json.NODES.objectNode().put("id", "urn:ngsi-ld:" + type + ":" + UUID.randomUUID()).put("type", type);
            attrs.forEach(e::set);
            return e;
        });
    }

    private static Gen<String> strings(Gen<Character> characters, int minLength, int maxLength) {
        return lists().of(characters).ofSizeBetween(minLength, maxLength).map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    private static Gen<Character> charactersOf(String alphabet) {
        return Generate.pick(alphabet.chars().mapToObj(c -> (char) c).toList());
    }

    private static Gen<String> names() {
        return strings(Generate.oneOf(Generate.characters('a', 'z'), Generate.characters('A', 'Z')), 1, 12).map(s -> "x" + s);
    }

    private static Gen<JsonNode> attribute(boolean withSubAttributes) {
        Gen<JsonNode> property = value().zip(Generate.pick(List.of("", "MTR", "CEL", "GQ")), observedAt(), subAttributes(withSubAttributes),
                (value, unit, at, subs) -> {
                    ObjectNode p = Json.NODES.objectNode().put("type", "Property");
                    p.set("value", value);
                    if (!unit.isEmpty()) p.put("unitCode", unit);
                    if (at != null) p.put("observedAt", at);
                    p.setAll(subs);
                    return p;
                });
        Gen<Character> alphanumeric = Generate.oneOf(Generate.characters('a', 'z'), Generate.characters('A', 'Z'), Generate.characters('0', '9'));
        Gen<JsonNode> relationship = strings(alphanumeric, 1, 10).zip(observedAt(), (ref, at) -> {
            ObjectNode r = Json.NODES.objectNode().put("type", "Relationship").put("object", "urn:ngsi-ld:Thing:" + ref);
            if (at != null) r.put("observedAt", at);
            return r;
        });
        Gen<Integer> altitudes = Generate.frequency(Pair.of(1, Generate.constant((Integer) null)), Pair.of(1, integers().between(-100, 500)));
        Gen<JsonNode> geo = integers().between(-1_799_999, 1_799_999).zip(integers().between(-899_999, 899_999), altitudes, (lon, lat, alt) -> {
            ObjectNode g = Json.NODES.objectNode().put("type", "GeoProperty");
            ArrayNode coordinates = g.putObject("value").put("type", "Point").putArray("coordinates").add(lon / 10_000.0).add(lat / 10_000.0);
            if (alt != null) coordinates.add(alt / 10.0);
            return g;
        });
        return withSubAttributes
                ? Generate.frequency(Pair.of(6, property), Pair.of(2, relationship), Pair.of(2, geo))
                : Generate.frequency(Pair.of(6, property), Pair.of(2, relationship));
    }

    private static Gen<Map<String, JsonNode>> subAttributes(boolean allowed) {
        if (!allowed) return Generate.constant(Map.of());
        return maps().of(names(), attribute(false)).ofSizeBetween(0, 2);
    }

    private static Gen<String> observedAt() {
        Gen<String> instants = longs().between(0, 4_102_444_800L).map(s -> Instant.ofEpochSecond(s).toString());
        return Generate.frequency(Pair.of(6, Generate.constant((String) null)), Pair.of(4, instants));
    }

    private static Gen<JsonNode> value() {
        Gen<JsonNode> scalar = Generate.oneOf(
                integers().between(-1_000_000, 1_000_000).map(i -> (JsonNode) Json.NODES.numberNode(i)),
                integers().between(-1_000_000, 1_000_000).map(i -> (JsonNode) Json.NODES.numberNode(i / 100.0 + 0.001)),
                Generate.booleans().map(b -> (JsonNode) Json.NODES.booleanNode(b)),
                strings(Generate.oneOf(Generate.characters(' ', '~'), charactersOf("ÀàĐđÊêÔôƠơƯưẠạ漢字\n\t\"\\")), 0, 20)
                        .map(s -> (JsonNode) Json.NODES.textNode(s)));
        Gen<JsonNode> array = lists().of(scalar).ofSizeBetween(0, 4).map(list -> {
            ArrayNode a = Json.NODES.arrayNode();
            list.forEach(a::add);
            return a;
        });
        Gen<JsonNode> object = maps().of(strings(Generate.characters('a', 'z'), 1, 6).map(k -> "k" + k), scalar).ofSizeBetween(1, 3).map(m -> {
            ObjectNode o = Json.NODES.objectNode();
            m.forEach(o::set);
            return o;
        });
        return Generate.frequency(Pair.of(6, scalar), Pair.of(1, array), Pair.of(1, object));
    }
}
