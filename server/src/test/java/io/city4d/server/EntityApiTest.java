package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.Api.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /entities, /entities/{id}, /entities/{id}/attrs and /entities/{id}/attrs/{attr} through real HTTP (clauses 6.4 to 6.7). */
class EntityApiTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    /** A fresh type name per test, so tests sharing the server never see each other's entities. */
    static String freshType() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static String entity(String id, String type, String attributes) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\"" + (attributes.isEmpty() ? "" : "," + attributes) + "}";
    }

    static String prop(String name, Object value) {
        return "\"" + name + "\":{\"type\":\"Property\",\"value\":" + (value instanceof String s ? "\"" + s + "\"" : value) + "}";
    }

    static String point(double lon, double lat) {
        return "\"location\":{\"type\":\"GeoProperty\",\"value\":{\"type\":\"Point\",\"coordinates\":[" + lon + "," + lat + "]}}";
    }

    static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.get("id").asText()));
        return out;
    }

    @Test
    void createsAndRetrievesAnEntityWithEveryKindOfAttribute() {
        String id = "urn:ngsi-ld:Building:b-" + UUID.randomUUID();
        var created = running.api.post(NGSI + "/entities", """
                {"id":"%s","type":"Building",
                 "name":{"type":"Property","value":"Nhà Hát Lớn"},
                 "height":{"type":"Property","value":32.5,"unitCode":"MTR","observedAt":"2026-11-25T08:00:00Z",
                           "accuracy":{"type":"Property","value":0.95}},
                 "address":{"type":"Property","value":{"city":"Hà Nội","street":"Tràng Tiền"}},
                 "owner":{"type":"Relationship","object":"urn:ngsi-ld:Organisation:city"},
                 "location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[105.8575,21.0245,18.5]}}}
                """.formatted(id));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).hasValue(NGSI + "/entities/" + id);

        var got = running.api.get(NGSI + "/entities/" + id);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.header("Content-Type")).hasValue("application/json");
        assertThat(got.header("Link").orElse("")).contains("ngsi-ld-core-context");
        JsonNode e = got.json();
        assertThat(e.get("id").asText()).isEqualTo(id);
        assertThat(e.get("type").asText()).isEqualTo("Building");
        assertThat(e.at("/name/value").asText()).isEqualTo("Nhà Hát Lớn");
        assertThat(e.at("/height/unitCode").asText()).isEqualTo("MTR");
        assertThat(e.at("/height/observedAt").asText()).isEqualTo("2026-11-25T08:00:00Z");
        assertThat(e.at("/height/accuracy/value").asDouble()).isEqualTo(0.95);
        assertThat(e.at("/address/value/city").asText()).isEqualTo("Hà Nội");
        assertThat(e.at("/owner/type").asText()).isEqualTo("Relationship");
        assertThat(e.at("/owner/object").asText()).isEqualTo("urn:ngsi-ld:Organisation:city");
        assertThat(e.at("/location/value/coordinates/2").asDouble()).as("3D positions are kept").isEqualTo(18.5);

        JsonNode projected = running.api.get(NGSI + "/entities/" + id + "?attrs=name,owner").json();
        assertThat(projected.has("name")).isTrue();
        assertThat(projected.has("owner")).isTrue();
        assertThat(projected.has("height")).isFalse();

        JsonNode sys = running.api.get(NGSI + "/entities/" + id + "?options=sysAttrs").json();
        assertThat(sys.get("createdAt").asText()).isNotEmpty();
        assertThat(sys.at("/name/modifiedAt").asText()).isNotEmpty();
    }

    @Test
    void createRefusesDuplicatesAndUnknownEntitiesAreNotFound() {
        String id = "urn:ngsi-ld:Thing:" + UUID.randomUUID();
        assertThat(running.api.post(NGSI + "/entities", entity(id, "Thing", prop("v", 1))).status()).isEqualTo(201);
        var again = running.api.post(NGSI + "/entities", entity(id, "Thing", prop("v", 2)));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemType()).isEqualTo("AlreadyExists");
        assertThat(running.api.get(NGSI + "/entities/" + id).json().at("/v/value").asInt()).as("nothing overwritten").isEqualTo(1);

        var missing = running.api.get(NGSI + "/entities/urn:ngsi-ld:Thing:nobody");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.problemType()).isEqualTo("ResourceNotFound");
        assertThat(running.api.get(NGSI + "/entities/not-a-uri").status()).isEqualTo(400);
    }

    @Test
    void anEntityWithOnlyIdAndTypeIsValid() {
        String id = "urn:ngsi-ld:Bare:" + UUID.randomUUID();
        assertThat(running.api.post(NGSI + "/entities", entity(id, "Bare", "")).status()).isEqualTo(201);
        JsonNode e = running.api.get(NGSI + "/entities/" + id).json();
        assertThat(e.size()).isEqualTo(2);
    }

    @Test
    void multipleTypesAreKeptAndQueryable() {
        String id = "urn:ngsi-ld:Multi:" + UUID.randomUUID();
        String a = freshType();
        String b = freshType();
        assertThat(running.api.post(NGSI + "/entities", "{\"id\":\"" + id + "\",\"type\":[\"" + a + "\",\"" + b + "\"]}").status()).isEqualTo(201);
        assertThat(running.api.get(NGSI + "/entities/" + id).json().get("type")).hasSize(2);
        assertThat(ids(running.api.get(NGSI + "/entities?type=" + b).json())).containsExactly(id);
        assertThat(ids(running.api.get(NGSI + "/entities?type=" + enc("Nope|" + a)).json())).containsExactly(id);
        assertThat(running.api.get(NGSI + "/entities?type=" + enc(a + ";" + b)).problemType()).isEqualTo("OperationNotSupported");
    }

    @Test
    void queriesByTypeIdIdPatternQAndAttrs() {
        String type = freshType();
        String prefix = "urn:ngsi-ld:" + type + ":";
        for (int i = 0; i < 6; i++) {
            String attrs = prop("level", i) + "," + prop("status", i % 2 == 0 ? "free" : "occupied")
                    + (i < 3 ? "," + prop("note", "n" + i) : "");
            assertThat(running.api.post(NGSI + "/entities", entity(prefix + i, type, attrs)).status()).isEqualTo(201);
        }
        assertThat(ids(running.api.get(NGSI + "/entities?type=" + type).json())).hasSize(6);
        assertThat(ids(running.api.get(NGSI + "/entities?type=" + type + "&id=" + prefix + "1," + prefix + "4").json())).containsExactlyInAnyOrder(prefix + "1", prefix + "4");
        assertThat(ids(running.api.get(NGSI + "/entities?type=" + type + "&idPattern=" + enc(".*:[2-3]$")).json()))
                .containsExactlyInAnyOrder(prefix + "2", prefix + "3");
        assertThat(ids(running.api.get(NGSI + "/entities?type=" + type + "&q=" + enc("level>=2;status==\"free\"")).json()))
                .containsExactlyInAnyOrder(prefix + "2", prefix + "4");
        assertThat(ids(running.api.get(NGSI + "/entities?type=" + type + "&q=" + enc("level==1|level==5")).json()))
                .containsExactlyInAnyOrder(prefix + "1", prefix + "5");
        assertThat(ids(running.api.get(NGSI + "/entities?type=" + type + "&q=" + enc("level==2..4")).json())).hasSize(3);
        assertThat(ids(running.api.get(NGSI + "/entities?type=" + type + "&q=" + enc("status~=\"^occ\"")).json())).hasSize(3);
        assertThat(ids(running.api.get(NGSI + "/entities?type=" + type + "&q=" + enc("!note")).json()))
                .containsExactlyInAnyOrder(prefix + "3", prefix + "4", prefix + "5");

        JsonNode withAttrs = running.api.get(NGSI + "/entities?type=" + type + "&attrs=note").json();
        assertThat(ids(withAttrs)).as("attrs selects entities that have one of them").hasSize(3);
        withAttrs.forEach(e -> assertThat(e.has("level")).isFalse());
    }

    @Test
    void paginatesWithLimitOffsetAndCount() {
        String type = freshType();
        for (int i = 0; i < 7; i++) {
            assertThat(running.api.post(NGSI + "/entities", entity("urn:ngsi-ld:" + type + ":" + i, type, prop("i", i))).status()).isEqualTo(201);
        }
        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 7; offset += 3) {
            var page = running.api.get(NGSI + "/entities?type=" + type + "&limit=3&offset=" + offset + "&count=true");
            assertThat(page.header("NGSILD-Results-Count")).hasValue("7");
            seen.addAll(ids(page.json()));
        }
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();

        var onlyCount = running.api.get(NGSI + "/entities?type=" + type + "&limit=0&count=true");
        assertThat(onlyCount.status()).isEqualTo(200);
        assertThat(onlyCount.json()).isEmpty();
        assertThat(onlyCount.header("NGSILD-Results-Count")).hasValue("7");
        assertThat(running.api.get(NGSI + "/entities?type=" + type).header("NGSILD-Results-Count")).isEmpty();

        assertThat(running.api.get(NGSI + "/entities?type=" + type + "&limit=-1").status()).isEqualTo(400);
        assertThat(running.api.get(NGSI + "/entities?type=" + type + "&offset=-1").status()).isEqualTo(400);
        assertThat(running.api.get(NGSI + "/entities?type=" + type + "&limit=abc").status()).isEqualTo(400);
        var tooMany = running.api.get(NGSI + "/entities?type=" + type + "&limit=100000");
        assertThat(tooMany.status()).isEqualTo(403);
        assertThat(tooMany.problemType()).isEqualTo("TooManyResults");
    }

    @Test
    void geoQueriesNearWithinIntersectsAndDisjoint() {
        String type = freshType();
        String p = "urn:ngsi-ld:" + type + ":";
        // Three points along a street, 100 m apart, and one far away; one entity is a 3D line.
        running.api.post(NGSI + "/entities", entity(p + "a", type, point(105.8500, 21.0300)));
        running.api.post(NGSI + "/entities", entity(p + "b", type, point(105.8510, 21.0300)));
        running.api.post(NGSI + "/entities", entity(p + "c", type, point(105.8520, 21.0300)));
        running.api.post(NGSI + "/entities", entity(p + "far", type, point(106.5, 21.5)));
        assertThat(running.api.post(NGSI + "/entities", entity(p + "line", type,
                "\"location\":{\"type\":\"GeoProperty\",\"value\":{\"type\":\"LineString\",\"coordinates\":[[105.849,21.031,10],[105.853,21.031,12]]}}")).status())
                .isEqualTo(201);
        String base = NGSI + "/entities?type=" + type;

        assertThat(ids(running.api.get(base + "&georel=" + enc("near;maxDistance==150") + "&geometry=Point&coordinates=" + enc("[105.8500,21.0300]")).json()))
                .containsExactlyInAnyOrder(p + "a", p + "b", p + "line");
        assertThat(ids(running.api.get(base + "&georel=" + enc("near;minDistance==1000") + "&geometry=Point&coordinates=" + enc("[105.8500,21.0300]")).json()))
                .containsExactly(p + "far");
        String box = enc("[[[105.8495,21.0295],[105.8515,21.0295],[105.8515,21.0305],[105.8495,21.0305],[105.8495,21.0295]]]");
        assertThat(ids(running.api.get(base + "&georel=within&geometry=Polygon&coordinates=" + box).json())).containsExactlyInAnyOrder(p + "a", p + "b");
        String crossing = enc("[[105.8515,21.0290],[105.8515,21.0320]]");
        assertThat(ids(running.api.get(base + "&georel=intersects&geometry=LineString&coordinates=" + crossing).json())).containsExactly(p + "line");
        assertThat(ids(running.api.get(base + "&georel=disjoint&geometry=Polygon&coordinates=" + box).json()))
                .containsExactlyInAnyOrder(p + "c", p + "far", p + "line");
        assertThat(ids(running.api.get(base + "&georel=within&geometry=Polygon&coordinates=" + box + "&geoproperty=location").json())).hasSize(2);
        assertThat(ids(running.api.get(base + "&georel=" + enc("near;maxDistance==150") + "&geometry=Point&coordinates=" + enc("[105.8500,21.0300,50]")).json()))
                .as("a 3D reference point is accepted").hasSize(3);
    }

    @Test
    void putReplacesAllAttributes() {
        String id = "urn:ngsi-ld:Thing:" + UUID.randomUUID();
        running.api.post(NGSI + "/entities", entity(id, "Thing", prop("a", 1) + "," + prop("b", 2)));
        assertThat(running.api.put(NGSI + "/entities/" + id, "{\"type\":\"Thing\"," + prop("c", 3) + "}").status()).isEqualTo(204);
        JsonNode e = running.api.get(NGSI + "/entities/" + id).json();
        assertThat(e.has("a")).isFalse();
        assertThat(e.has("b")).isFalse();
        assertThat(e.at("/c/value").asInt()).isEqualTo(3);
        assertThat(running.api.put(NGSI + "/entities/urn:ngsi-ld:Thing:nobody", "{\"type\":\"Thing\"}").status()).isEqualTo(404);
        assertThat(running.api.put(NGSI + "/entities/" + id, "{\"id\":\"urn:ngsi-ld:Thing:other\",\"type\":\"Thing\"}").status()).isEqualTo(400);
    }

    @Test
    void patchMergesIntoTheEntity() {
        String id = "urn:ngsi-ld:Thing:" + UUID.randomUUID();
        running.api.post(NGSI + "/entities", entity(id, "Thing",
                "\"t\":{\"type\":\"Property\",\"value\":20,\"unitCode\":\"CEL\",\"accuracy\":{\"type\":\"Property\",\"value\":0.5}}," + prop("keep", "yes")));
        var merged = running.api.send("PATCH", NGSI + "/entities/" + id, "{\"t\":{\"type\":\"Property\",\"value\":21}," + prop("added", true) + "}",
                "application/merge-patch+json");
        assertThat(merged.status()).isEqualTo(204);
        JsonNode e = running.api.get(NGSI + "/entities/" + id).json();
        assertThat(e.at("/t/value").asInt()).isEqualTo(21);
        assertThat(e.at("/t/unitCode").asText()).as("members not given are kept").isEqualTo("CEL");
        assertThat(e.at("/t/accuracy/value").asDouble()).isEqualTo(0.5);
        assertThat(e.at("/keep/value").asText()).isEqualTo("yes");
        assertThat(e.at("/added/value").asBoolean()).isTrue();
        assertThat(running.api.patch(NGSI + "/entities/" + id, "{\"keep\":{\"type\":\"Property\",\"value\":\"urn:ngsi-ld:null\"},"
                + "\"never\":{\"type\":\"Property\",\"value\":\"urn:ngsi-ld:null\"}}").status()).isEqualTo(204);
        e = running.api.get(NGSI + "/entities/" + id).json();
        assertThat(e.has("keep")).as("urn:ngsi-ld:null deletes in a merge").isFalse();
        assertThat(e.has("never")).isFalse();
        assertThat(e.at("/t/value").asInt()).isEqualTo(21);
        assertThat(running.api.patch(NGSI + "/entities/urn:ngsi-ld:Thing:nobody", "{" + prop("x", 1) + "}").status()).isEqualTo(404);
    }

    @Test
    void mergePatchMergesAttributeFragmentsLikeThePartialUpdateOfOneAttribute() {
        String id = "urn:ngsi-ld:Thing:" + UUID.randomUUID();
        String twin = "urn:ngsi-ld:Thing:" + UUID.randomUUID();
        String stored = "\"t\":{\"type\":\"Property\",\"value\":20,\"unitCode\":\"CEL\",\"observedAt\":\"2026-11-25T08:00:00Z\","
                + "\"accuracy\":{\"type\":\"Property\",\"value\":0.5},\"source\":{\"type\":\"Property\",\"value\":\"s1\"}}";
        running.api.post(NGSI + "/entities", entity(id, "Thing", stored));
        running.api.post(NGSI + "/entities", entity(twin, "Thing", stored));
        String fragment = "{\"unitCode\":\"FAH\",\"observedAt\":\"2026-11-25T09:00:00Z\",\"accuracy\":{\"value\":0.9},\"source\":\"urn:ngsi-ld:null\"}";

        assertThat(running.api.patch(NGSI + "/entities/" + id, "{\"t\":" + fragment + "}").status()).isEqualTo(204);
        assertThat(running.api.patch(NGSI + "/entities/" + twin + "/attrs/t", fragment).status()).isEqualTo(204);
        JsonNode merged = running.api.get(NGSI + "/entities/" + id + "?attrs=t").json().get("t");
        assertThat(merged.get("value").asInt()).as("a fragment without a value keeps the value").isEqualTo(20);
        assertThat(merged.get("unitCode").asText()).isEqualTo("FAH");
        assertThat(merged.get("observedAt").asText()).isEqualTo("2026-11-25T09:00:00Z");
        assertThat(merged.at("/accuracy/value").asDouble()).as("sub-attributes merge too").isEqualTo(0.9);
        assertThat(merged.at("/accuracy/type").asText()).isEqualTo("Property");
        assertThat(merged.has("source")).as("urn:ngsi-ld:null removes a sub-attribute").isFalse();
        assertThat(running.api.get(NGSI + "/entities/" + twin + "?attrs=t").json().get("t"))
                .as("PATCH /entities/{id} and PATCH .../attrs/{attr} merge the same way").isEqualTo(merged);

        assertThat(running.api.patch(NGSI + "/entities/" + id, "{\"t\":25}").status()).isEqualTo(204);
        JsonNode concise = running.api.get(NGSI + "/entities/" + id + "?attrs=t").json().get("t");
        assertThat(concise.get("value").asInt()).isEqualTo(25);
        assertThat(concise.get("unitCode").asText()).as("a concise value replaces only the value").isEqualTo("FAH");
        JsonNode history = running.api.get(NGSI + "/temporal/entities/" + id + "?attrs=t&options=temporalValues").json();
        JsonNode values = history.at("/t/values");
        assertThat(values.get(0).toString()).isEqualTo("[20,\"2026-11-25T08:00:00Z\"]");
        assertThat(values.get(values.size() - 1).toString()).as("a merge lands in history at its observedAt").isEqualTo("[25,\"2026-11-25T09:00:00Z\"]");

        var newWithoutValue = running.api.patch(NGSI + "/entities/" + id, "{\"fresh\":{\"unitCode\":\"CEL\"}," + prop("other", 1) + "}");
        assertThat(newWithoutValue.status()).isEqualTo(400);
        assertThat(newWithoutValue.json().get("detail").asText()).contains("fresh");
        assertThat(running.api.get(NGSI + "/entities/" + id).json().has("other")).as("nothing half-written").isFalse();
    }

    @Test
    void aBareGeometryIsAConciseGeoPropertyAndMergesAsOne() {
        String id = "urn:ngsi-ld:Thing:" + UUID.randomUUID();
        assertThat(running.api.post(NGSI + "/entities", entity(id, "Thing", "\"location\":{\"type\":\"Point\",\"coordinates\":[105.85,21.03]}")).status())
                .isEqualTo(201);
        JsonNode location = running.api.get(NGSI + "/entities/" + id).json().get("location");
        assertThat(location.get("type").asText()).isEqualTo("GeoProperty");
        assertThat(location.at("/value/coordinates/0").asDouble()).isEqualTo(105.85);
        assertThat(running.api.patch(NGSI + "/entities/" + id, "{\"location\":{\"type\":\"Point\",\"coordinates\":[105.86,21.04]}}").status()).isEqualTo(204);
        location = running.api.get(NGSI + "/entities/" + id).json().get("location");
        assertThat(location.get("type").asText()).isEqualTo("GeoProperty");
        assertThat(location.at("/value/coordinates/0").asDouble()).isEqualTo(105.86);
    }

    @Test
    void appendsAttributesWithAndWithoutNoOverwrite() {
        String id = "urn:ngsi-ld:Thing:" + UUID.randomUUID();
        running.api.post(NGSI + "/entities", entity(id, "Thing", prop("a", 1)));
        assertThat(running.api.post(NGSI + "/entities/" + id + "/attrs", "{" + prop("a", 10) + "," + prop("b", 2) + "}").status()).isEqualTo(204);
        JsonNode e = running.api.get(NGSI + "/entities/" + id).json();
        assertThat(e.at("/a/value").asInt()).isEqualTo(10);
        assertThat(e.at("/b/value").asInt()).isEqualTo(2);

        var partial = running.api.post(NGSI + "/entities/" + id + "/attrs?options=noOverwrite", "{" + prop("a", 99) + "," + prop("c", 3) + "}");
        assertThat(partial.status()).isEqualTo(207);
        assertThat(partial.json().get("updated")).extracting(JsonNode::asText).containsExactly("c");
        assertThat(partial.json().at("/notUpdated/0/attributeName").asText()).isEqualTo("a");
        assertThat(partial.json().at("/notUpdated/0/reason").asText()).isNotEmpty();
        e = running.api.get(NGSI + "/entities/" + id).json();
        assertThat(e.at("/a/value").asInt()).isEqualTo(10);
        assertThat(e.at("/c/value").asInt()).isEqualTo(3);

        assertThat(running.api.post(NGSI + "/entities/" + id + "/attrs?options=noOverwrite", "{" + prop("d", 4) + "}").status()).isEqualTo(204);
        assertThat(running.api.post(NGSI + "/entities/urn:ngsi-ld:Thing:nobody/attrs", "{" + prop("a", 1) + "}").status()).isEqualTo(404);
        assertThat(running.api.post(NGSI + "/entities/" + id + "/attrs", "{}").status()).isEqualTo(400);
    }

    /** Update Attributes (clause 5.6.2) overwrites what exists, appends what does not and adds the types it names. */
    @Test
    void updatesAndAppendsAttributesAndAddsTypes() {
        String id = "urn:ngsi-ld:Thing:" + UUID.randomUUID();
        running.api.post(NGSI + "/entities", entity(id, "Thing", prop("a", 1)));
        assertThat(running.api.patch(NGSI + "/entities/" + id + "/attrs", "{" + prop("a", 2) + "}").status()).isEqualTo(204);
        assertThat(running.api.patch(NGSI + "/entities/" + id + "/attrs", "{" + prop("a", 3) + "," + prop("added", 1) + "}").status()).isEqualTo(204);
        JsonNode e = running.api.get(NGSI + "/entities/" + id).json();
        assertThat(e.at("/a/value").asInt()).isEqualTo(3);
        assertThat(e.at("/added/value").asInt()).isEqualTo(1);

        var partial = running.api.patch(NGSI + "/entities/" + id + "/attrs", "{\"ghost\": \"urn:ngsi-ld:null\"," + prop("a", 4) + "}");
        assertThat(partial.status()).as("the NGSI-LD Null of a missing attribute deletes nothing").isEqualTo(207);
        assertThat(partial.json().get("updated")).extracting(JsonNode::asText).containsExactly("a");
        assertThat(partial.json().at("/notUpdated/0/attributeName").asText()).isEqualTo("ghost");

        assertThat(running.api.patch(NGSI + "/entities/" + id + "/attrs", "{\"type\": [\"Thing\", \"Asset\"]}").status()).isEqualTo(204);
        assertThat(running.api.get(NGSI + "/entities/" + id).json().get("type")).extracting(JsonNode::asText).containsExactly("Thing", "Asset");
        assertThat(running.api.get(NGSI + "/entities?type=Asset").json()).hasSize(1);
    }

    /** The type selector of the entity operations (clauses 5.6.2 to 5.6.6): a type the entity lacks finds no entity. */
    @Test
    void aTypeSelectorGatesWritesToTheEntity() {
        String id = "urn:ngsi-ld:Thing:" + UUID.randomUUID();
        running.api.post(NGSI + "/entities", entity(id, "Building", prop("a", 1)));
        String attrs = NGSI + "/entities/" + id + "/attrs";
        assertThat(running.api.patch(attrs + "?type=Vehicle", "{" + prop("a", 2) + "}").status()).isEqualTo(404);
        assertThat(running.api.post(attrs + "?type=Vehicle", "{" + prop("b", 2) + "}").status()).isEqualTo(404);
        assertThat(running.api.delete(attrs + "/a?type=Vehicle").status()).isEqualTo(404);
        assertThat(running.api.delete(NGSI + "/entities/" + id + "?type=Vehicle").status()).isEqualTo(404);
        JsonNode e = running.api.get(NGSI + "/entities/" + id).json();
        assertThat(e.at("/a/value").asInt()).as("nothing written through a selector that did not match").isEqualTo(1);
        assertThat(e.has("b")).isFalse();

        assertThat(running.api.patch(attrs + "?type=Building", "{" + prop("a", 2) + "}").status()).isEqualTo(204);
        assertThat(running.api.delete(NGSI + "/entities/" + id + "?type=Building").status()).isEqualTo(204);
        assertThat(running.api.get(NGSI + "/entities/" + id).status()).isEqualTo(404);
    }

    @Test
    void aMissingEntityIdIsBadRequestDataAndTheAttributesCollectionNamesItsMethods() {
        assertThat(running.api.put(NGSI + "/entities/", "{}").json().get("type").asText()).endsWith("/BadRequestData");
        assertThat(running.api.patch(NGSI + "/entities/", "{}").status()).isEqualTo(400);
        assertThat(running.api.post(NGSI + "/entities//attrs/", "{" + prop("a", 1) + "}").status()).isEqualTo(400);
        assertThat(running.api.patch(NGSI + "/entities//attrs/a", "{\"value\": 1}").status()).isEqualTo(400);
        assertThat(running.api.delete(NGSI + "/entities//attrs/a").status()).isEqualTo(400);
        var collection = running.api.delete(NGSI + "/entities/urn:ngsi-ld:Thing:x/attrs/");
        assertThat(collection.status()).isEqualTo(405);
        assertThat(collection.header("Allow")).contains("POST, PATCH");
    }

    /** attrs names attributes, and system attributes alone select nothing (clause 5.7.2.4). */
    @Test
    void attrsNamesAttributesAndSystemAttributesAloneAreTooWide() {
        assertThat(running.api.get(NGSI + "/entities?attrs=id,type").status()).isEqualTo(400);
        var tooWide = running.api.get(NGSI + "/entities?attrs=createdAt");
        assertThat(tooWide.status()).isEqualTo(400);
        assertThat(tooWide.json().get("detail").asText()).contains("5.7.2.4");
        assertThat(running.api.get(NGSI + "/entities?attrs=createdAt&type=Thing").status()).isEqualTo(200);
    }

    /** Ids that hold characters shown as nothing or a space would read as other ids (clause 4.5.1). */
    @Test
    void refusesInvisibleCharactersInIdsAndTypesStartingWithADigitAndKeepsOffsetTimesInUtc() {
        var invisible = running.api.post(NGSI + "/entities", entity("urn:ngsi-ld:Thing:a\u200Bb", "Thing", prop("a", 1)));
        assertThat(invisible.status()).isEqualTo(400);
        assertThat(invisible.json().get("detail").asText()).contains("U+200B");
        assertThat(running.api.post(NGSI + "/entities", entity("urn:ngsi-ld:Thing:" + UUID.randomUUID(), "9Thing", prop("a", 1))).status()).isEqualTo(400);
        String offset = "\"a\": {\"type\": \"Property\", \"value\": 1, \"observedAt\": \"2026-12-04T10:00:00+07:00\"}";
        String id = "urn:ngsi-ld:Thing:" + UUID.randomUUID();
        assertThat(running.api.post(NGSI + "/entities", entity(id, "Thing", offset)).status()).as("real feeds send offsets").isEqualTo(201);
        assertThat(running.api.get(NGSI + "/entities/" + id).json().at("/a/observedAt").asText()).as("kept in UTC").isEqualTo("2026-12-04T03:00:00Z");
    }

    @Test
    void patchesReplacesAndDeletesOneAttribute() {
        String id = "urn:ngsi-ld:Thing:" + UUID.randomUUID();
        running.api.post(NGSI + "/entities", entity(id, "Thing",
                "\"t\":{\"type\":\"Property\",\"value\":20,\"unitCode\":\"CEL\"}," + prop("other", 1)));
        assertThat(running.api.patch(NGSI + "/entities/" + id + "/attrs/t", "{\"value\":25}").status()).isEqualTo(204);
        JsonNode e = running.api.get(NGSI + "/entities/" + id).json();
        assertThat(e.at("/t/value").asInt()).isEqualTo(25);
        assertThat(e.at("/t/unitCode").asText()).isEqualTo("CEL");
        assertThat(running.api.patch(NGSI + "/entities/" + id + "/attrs/t", "{\"unitCode\":\"FAH\",\"observedAt\":\"2026-11-25T09:00:00Z\"}").status())
                .as("a fragment without a value").isEqualTo(204);
        e = running.api.get(NGSI + "/entities/" + id).json();
        assertThat(e.at("/t/value").asInt()).isEqualTo(25);
        assertThat(e.at("/t/unitCode").asText()).isEqualTo("FAH");
        assertThat(e.at("/t/observedAt").asText()).isEqualTo("2026-11-25T09:00:00Z");
        assertThat(running.api.patch(NGSI + "/entities/" + id + "/attrs/t", "{\"observedAt\":\"noon\"}").status()).isEqualTo(400);
        assertThat(running.api.patch(NGSI + "/entities/" + id + "/attrs/t", "{}").status()).isEqualTo(400);

        assertThat(running.api.put(NGSI + "/entities/" + id + "/attrs/t", "{\"type\":\"Property\",\"value\":30}").status()).isEqualTo(204);
        e = running.api.get(NGSI + "/entities/" + id).json();
        assertThat(e.at("/t/value").asInt()).isEqualTo(30);
        assertThat(e.at("/t/unitCode").isMissingNode()).as("PUT replaces the whole attribute").isTrue();

        assertThat(running.api.patch(NGSI + "/entities/" + id + "/attrs/ghost", "{\"value\":1}").status()).isEqualTo(404);
        assertThat(running.api.put(NGSI + "/entities/" + id + "/attrs/ghost", "{\"type\":\"Property\",\"value\":1}").status()).isEqualTo(404);
        assertThat(running.api.patch(NGSI + "/entities/urn:ngsi-ld:Thing:nobody/attrs/t", "{\"value\":1}").status()).isEqualTo(404);

        assertThat(running.api.delete(NGSI + "/entities/" + id + "/attrs/t").status()).isEqualTo(204);
        assertThat(running.api.get(NGSI + "/entities/" + id).json().has("t")).isFalse();
        var again = running.api.delete(NGSI + "/entities/" + id + "/attrs/t");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.problemType()).isEqualTo("ResourceNotFound");
        assertThat(running.api.get(NGSI + "/entities/" + id).json().at("/other/value").asInt()).isEqualTo(1);
    }

    @Test
    void datasetIdsOnSingleInstancesAndDeleteAll() {
        String id = "urn:ngsi-ld:Thing:" + UUID.randomUUID();
        running.api.post(NGSI + "/entities", entity(id, "Thing",
                "\"speed\":{\"type\":\"Property\",\"value\":50,\"datasetId\":\"urn:ngsi-ld:Dataset:gps\"}," + prop("other", 1)));
        assertThat(running.api.get(NGSI + "/entities/" + id).json().at("/speed/datasetId").asText()).isEqualTo("urn:ngsi-ld:Dataset:gps");

        var multi = running.api.post(NGSI + "/entities/" + id + "/attrs", """
                {"speed":[{"type":"Property","value":1,"datasetId":"urn:ngsi-ld:Dataset:a"},{"type":"Property","value":2,"datasetId":"urn:ngsi-ld:Dataset:b"}]}""");
        assertThat(multi.status()).as("instances of new datasetIds are added").isEqualTo(204);
        assertThat(running.api.get(NGSI + "/entities/" + id).json().get("speed")).hasSize(3);

        assertThat(running.api.delete(NGSI + "/entities/" + id + "/attrs/speed?datasetId=urn:ngsi-ld:Dataset:other").status()).isEqualTo(404);
        assertThat(running.api.delete(NGSI + "/entities/" + id + "/attrs/speed?datasetId=urn:ngsi-ld:Dataset:gps").status()).isEqualTo(204);
        assertThat(running.api.get(NGSI + "/entities/" + id).json().get("speed")).hasSize(2);
        assertThat(running.api.delete(NGSI + "/entities/" + id + "/attrs/speed?deleteAll=true").status()).isEqualTo(204);
        assertThat(running.api.get(NGSI + "/entities/" + id).json().has("speed")).isFalse();
        assertThat(running.api.delete(NGSI + "/entities/" + id + "/attrs/other?deleteAll=true").status()).isEqualTo(204);
        assertThat(running.api.get(NGSI + "/entities/" + id).json().has("other")).isFalse();
    }

    @Test
    void deletesAnEntity() {
        String id = "urn:ngsi-ld:Thing:" + UUID.randomUUID();
        running.api.post(NGSI + "/entities", entity(id, "Thing", prop("a", 1)));
        assertThat(running.api.delete(NGSI + "/entities/" + id).status()).isEqualTo(204);
        assertThat(running.api.get(NGSI + "/entities/" + id).status()).isEqualTo(404);
        assertThat(running.api.delete(NGSI + "/entities/" + id).status()).isEqualTo(404);
        assertThat(running.api.post(NGSI + "/entities", entity(id, "Thing", prop("a", 2))).status()).as("the id can be used again").isEqualTo(201);
    }

    @Test
    void typesAndAttributesAreDiscoverable() {
        String type = freshType();
        String other = freshType();
        running.api.post(NGSI + "/entities", entity("urn:ngsi-ld:" + type + ":1", type, prop("alpha", 1) + "," + point(105.85, 21.03)));
        running.api.post(NGSI + "/entities", entity("urn:ngsi-ld:" + type + ":2", type, prop("alpha", 2) + ",\"rel\":{\"type\":\"Relationship\",\"object\":\"urn:x:1\"}"));
        running.api.post(NGSI + "/entities", entity("urn:ngsi-ld:" + other + ":1", other, prop("alpha", 3)));

        JsonNode list = running.api.get(NGSI + "/types").json();
        assertThat(list.get("type").asText()).isEqualTo("EntityTypeList");
        assertThat(list.get("id").asText()).startsWith("urn:");
        assertThat(list.get("typeList")).extracting(JsonNode::asText).contains(type, other);

        JsonNode details = running.api.get(NGSI + "/types?details=true").json();
        JsonNode mine = null;
        for (JsonNode t : details) if (t.get("typeName").asText().equals(type)) mine = t;
        assertThat(mine).isNotNull();
        assertThat(mine.get("type").asText()).isEqualTo("EntityType");
        assertThat(mine.get("attributeNames")).extracting(JsonNode::asText).containsExactlyInAnyOrder("alpha", "location", "rel");

        JsonNode info = running.api.get(NGSI + "/types/" + type).json();
        assertThat(info.get("type").asText()).isEqualTo("EntityTypeInfo");
        assertThat(info.get("typeName").asText()).isEqualTo(type);
        assertThat(info.get("entityCount").asInt()).isEqualTo(2);
        assertThat(info.get("attributeDetails")).extracting(a -> a.get("attributeName").asText()).containsExactlyInAnyOrder("alpha", "location", "rel");
        assertThat(running.api.get(NGSI + "/types/NoSuchType").status()).isEqualTo(404);

        JsonNode attributes = running.api.get(NGSI + "/attributes").json();
        assertThat(attributes.get("type").asText()).isEqualTo("AttributeList");
        assertThat(attributes.get("attributeList")).extracting(JsonNode::asText).contains("alpha", "rel");
        JsonNode alpha = running.api.get(NGSI + "/attributes/alpha").json();
        assertThat(alpha.get("type").asText()).isEqualTo("Attribute");
        assertThat(alpha.get("attributeName").asText()).isEqualTo("alpha");
        assertThat(alpha.get("typeNames")).extracting(JsonNode::asText).contains(type, other);
        assertThat(alpha.get("attributeCount").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(running.api.get(NGSI + "/attributes?details=true").json().get(0).get("type").asText()).isEqualTo("Attribute");
        assertThat(running.api.get(NGSI + "/attributes/noSuchAttribute").status()).isEqualTo(404);
    }
}
