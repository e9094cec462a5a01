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

    /**
     * The keyValues form NGSI-LD defines (clause 4.5.4): each attribute by its value, object, geometry or list; a
     * JsonProperty, VocabProperty or LanguageProperty by its one member; several instances as a map by datasetId.
     */
    static ObjectNode keyValues(ObjectNode entity) {
        ObjectNode out = Json.NODES.objectNode();
        entity.properties().forEach(f -> {
            JsonNode a = f.getValue();
            if (a.isArray()) {
                ObjectNode dataset = out.putObject(f.getKey()).putObject("dataset");
                a.forEach(instance -> dataset.set(instance.path("datasetId").asText("@none"), simplified(instance)));
            } else {
                out.set(f.getKey(), a.isObject() ? simplified(a) : a);
            }
        });
        return out;
    }

    private static JsonNode simplified(JsonNode a) {
        for (String member : List.of("object", "value", "valueList")) if (a.has(member)) return a.get(member);
        if (a.has("objectList")) {
            ArrayNode objects = Json.NODES.arrayNode();
            a.get("objectList").forEach(o -> objects.add(o.get("object")));
            return objects;
        }
        for (String member : List.of("json", "vocab", "languageMap")) if (a.has(member)) return Json.NODES.objectNode().set(member, a.get(member));
        throw new AssertionError("not an attribute: " + a);
    }

    private static Gen<ObjectNode> entities() {
        Gen<JsonNode> attributeOrInstances = Generate.frequency(Pair.of(8, attribute(true)), Pair.of(2, instances()));
        Gen<Map<String, JsonNode>> attributes = maps().of(names(), attributeOrInstances).ofSizeBetween(0, 6);
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
                ? Generate.frequency(Pair.of(6, property), Pair.of(2, relationship), Pair.of(2, geo), Pair.of(2, valueKinds()))
                : Generate.frequency(Pair.of(6, property), Pair.of(2, relationship), Pair.of(1, valueKinds()));
    }

    /** Two or three instances of one attribute (clause 4.5.5), each with a datasetId of its own but the first at times. */
    private static Gen<JsonNode> instances() {
        return lists().of(attribute(false)).ofSizeBetween(2, 3).zip(Generate.booleans(), (list, withDefault) -> {
            ArrayNode out = Json.NODES.arrayNode();
            for (int i = 0; i < list.size(); i++) {
                ObjectNode instance = (ObjectNode) list.get(i).deepCopy();
                if (i > 0 || !withDefault) instance.put("datasetId", "urn:ngsi-ld:Dataset:" + i);
                out.add(instance);
            }
            return out;
        });
    }

    /** The attribute kinds of NGSI-LD v1.8 that carry their value in a member of their own. */
    private static Gen<JsonNode> valueKinds() {
        Gen<Character> letters = Generate.characters('a', 'z');
        Gen<JsonNode> json = value().map(v -> (JsonNode) kind("JsonProperty", "json", Json.NODES.objectNode().set("v", v)));
        Gen<JsonNode> vocab = strings(letters, 1, 8).map(term -> (JsonNode) kind("VocabProperty", "vocab", Json.NODES.textNode("x" + term)));
        Gen<JsonNode> language = strings(letters, 0, 8).zip(strings(letters, 1, 8), (en, vi) -> {
            ObjectNode map = Json.NODES.objectNode().put("vi", vi);
            if (!en.isEmpty()) map.put("en", en);
            return (JsonNode) kind("LanguageProperty", "languageMap", map);
        });
        Gen<JsonNode> list = lists().of(value()).ofSizeBetween(0, 3).map(values -> (JsonNode) kind("ListProperty", "valueList", Json.NODES.arrayNode().addAll(values)));
        Gen<JsonNode> objects = lists().of(strings(letters, 1, 6)).ofSizeBetween(1, 3).map(refs -> {
            ArrayNode uris = Json.NODES.arrayNode();
            refs.forEach(r -> uris.addObject().put("object", "urn:ngsi-ld:Thing:" + r));
            return (JsonNode) kind("ListRelationship", "objectList", uris);
        });
        return Generate.oneOf(json, vocab, language, list, objects);
    }

    private static ObjectNode kind(String type, String member, JsonNode value) {
        ObjectNode out = Json.NODES.objectNode().put("type", type);
        out.set(member, value);
        return out;
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
