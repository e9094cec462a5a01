package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random NGSI-LD entities round-trip through a real server: POSTed in the normalized form, they come back equal in
 * the normalized form, as the keyValues simplification of themselves, and as a concise form that, POSTed again,
 * gives the same entity.
 */
class EntityRoundTripPropertyTest {
    static TestServer server;
    static Api api;

    @BeforeContainer
    static void start() throws IOException {
        server = new TestServer(Files.createTempDirectory("city4d-roundtrip"));
        api = server.api();
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Property(tries = 40)
    void entitiesRoundTripInEveryRepresentation(@ForAll("entities") ObjectNode entity) {
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
        assertThat(api.get(NGSI + "/entities?id=" + id + "," + copyId + "&options=keyValues").json()).hasSize(2);
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

    @Provide
    Arbitrary<ObjectNode> entities() {
        Arbitrary<Map<String, JsonNode>> attributes = Arbitraries.maps(names(), attribute(true)).ofMaxSize(6);
        return Combinators.combine(Arbitraries.of("Bus", "ParkingSpot", "AirQualityObserved", "Streetlight"), attributes).as((type, attrs) -> {
            ObjectNode e = Json.NODES.objectNode().put("id", "urn:ngsi-ld:" + type + ":" + UUID.randomUUID()).put("type", type);
            attrs.forEach(e::set);
            return e;
        });
    }

    private static Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12).map(s -> "x" + s);
    }

    private static Arbitrary<JsonNode> attribute(boolean withSubAttributes) {
        Arbitrary<JsonNode> property = Combinators.combine(value(), Arbitraries.of("", "MTR", "CEL", "GQ"), observedAt(), subAttributes(withSubAttributes))
                .as((value, unit, at, subs) -> {
                    ObjectNode p = Json.NODES.objectNode().put("type", "Property");
                    p.set("value", value);
                    if (!unit.isEmpty()) p.put("unitCode", unit);
                    if (at != null) p.put("observedAt", at);
                    p.setAll(subs);
                    return p;
                });
        Arbitrary<JsonNode> relationship = Combinators.combine(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(10), observedAt())
                .as((ref, at) -> {
                    ObjectNode r = Json.NODES.objectNode().put("type", "Relationship").put("object", "urn:ngsi-ld:Thing:" + ref);
                    if (at != null) r.put("observedAt", at);
                    return r;
                });
        Arbitrary<JsonNode> geo = Combinators.combine(Arbitraries.integers().between(-1_799_999, 1_799_999), Arbitraries.integers().between(-899_999, 899_999),
                Arbitraries.integers().between(-100, 500).injectNull(0.5)).as((lon, lat, alt) -> {
                    ObjectNode g = Json.NODES.objectNode().put("type", "GeoProperty");
                    ArrayNode coordinates = g.putObject("value").put("type", "Point").putArray("coordinates").add(lon / 10_000.0).add(lat / 10_000.0);
                    if (alt != null) coordinates.add(alt / 10.0);
                    return g;
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, property), net.jqwik.api.Tuple.of(2, relationship), net.jqwik.api.Tuple.of(withSubAttributes ? 2 : 0, geo));
    }

    private static Arbitrary<Map<String, JsonNode>> subAttributes(boolean allowed) {
        if (!allowed) return Arbitraries.just(Map.of());
        return Arbitraries.maps(names(), attribute(false)).ofMaxSize(2);
    }

    private static Arbitrary<String> observedAt() {
        return Arbitraries.longs().between(0, 4_102_444_800L).map(s -> Instant.ofEpochSecond(s).toString()).injectNull(0.6);
    }

    private static Arbitrary<JsonNode> value() {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.integers().between(-1_000_000, 1_000_000).map(i -> Json.NODES.numberNode(i)),
                Arbitraries.integers().between(-1_000_000, 1_000_000).map(i -> Json.NODES.numberNode(i / 100.0 + 0.001)),
                Arbitraries.of(true, false).map(b -> Json.NODES.booleanNode(b)),
                Arbitraries.strings().withCharRange(' ', '~').withChars("ÀàĐđÊêÔôƠơƯưẠạ漢字\n\t\"\\").ofMaxLength(20).map(s -> Json.NODES.textNode(s)));
        Arbitrary<JsonNode> array = scalar.list().ofMaxSize(4).map(list -> {
            ArrayNode a = Json.NODES.arrayNode();
            list.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6).map(k -> "k" + k), scalar)
                .ofMinSize(1).ofMaxSize(3).map(m -> {
                    ObjectNode o = Json.NODES.objectNode();
                    m.forEach(o::set);
                    return o;
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, scalar), net.jqwik.api.Tuple.of(1, array), net.jqwik.api.Tuple.of(1, object));
    }
}
