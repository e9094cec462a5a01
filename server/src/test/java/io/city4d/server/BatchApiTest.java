package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.freshType;
import static io.city4d.server.EntityApiTest.ids;
import static io.city4d.server.EntityApiTest.point;
import static io.city4d.server.EntityApiTest.prop;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /entityOperations: each item stands alone; 201 or 204 when all succeed, 207 with success and errors otherwise (clause 6.14 to 6.17, 6.23). */
class BatchApiTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    static String array(String... items) {
        return "[" + String.join(",", items) + "]";
    }

    static JsonNode entityOf(String id) {
        return running.api.get(NGSI + "/entities/" + id).json();
    }

    @Test
    void createAnswers201WithTheIdsOr207WithEachFailure() {
        String t = freshType();
        String a = "urn:ngsi-ld:" + t + ":a";
        String b = "urn:ngsi-ld:" + t + ":b";
        var created = running.api.post(NGSI + "/entityOperations/create", array(entity(a, t, prop("v", 1)), entity(b, t, prop("v", 2))));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json()).extracting(JsonNode::asText).containsExactlyInAnyOrder(a, b);

        String c = "urn:ngsi-ld:" + t + ":c";
        var mixed = running.api.post(NGSI + "/entityOperations/create", array(entity(a, t, prop("v", 9)), entity("not a uri", t, ""),
                entity(c, t, prop("v", 3)), "{\"id\":\"urn:ngsi-ld:" + t + ":badgeo\",\"type\":\"" + t
                        + "\",\"location\":{\"type\":\"GeoProperty\",\"value\":{\"type\":\"Point\",\"coordinates\":[1]}}}"));
        assertThat(mixed.status()).isEqualTo(207);
        JsonNode result = mixed.json();
        assertThat(result.get("success")).extracting(JsonNode::asText).containsExactly(c);
        assertThat(result.get("errors")).hasSize(3);
        assertThat(result.get("errors")).extracting(e -> e.get("entityId").asText()).contains(a, "urn:ngsi-ld:" + t + ":badgeo");
        for (JsonNode e : result.get("errors")) {
            assertThat(e.at("/error/type").asText()).startsWith("https://uri.etsi.org/ngsi-ld/errors/");
            assertThat(e.at("/error/title").asText()).isNotEmpty();
        }
        assertThat(result.get("errors").get(0).at("/error/type").asText()).endsWith("AlreadyExists");
        assertThat(entityOf(a).at("/v/value").asInt()).as("the failed item changed nothing").isEqualTo(1);
        assertThat(running.api.get(NGSI + "/entities/urn:ngsi-ld:" + t + ":badgeo").status()).isEqualTo(404);
    }

    @Test
    void upsertCreatesOrReplacesOrUpdates() {
        String t = freshType();
        String old = "urn:ngsi-ld:" + t + ":old";
        String fresh = "urn:ngsi-ld:" + t + ":new";
        running.api.post(NGSI + "/entities", entity(old, t, prop("a", 1) + "," + prop("b", 1)));

        var upserted = running.api.post(NGSI + "/entityOperations/upsert", array(entity(old, t, prop("a", 2)), entity(fresh, t, prop("a", 3))));
        assertThat(upserted.status()).isEqualTo(201);
        assertThat(upserted.json()).extracting(JsonNode::asText).as("only the created ids").containsExactly(fresh);
        assertThat(entityOf(old).has("b")).as("upsert replaces by default").isFalse();
        assertThat(entityOf(old).at("/a/value").asInt()).isEqualTo(2);

        var updated = running.api.post(NGSI + "/entityOperations/upsert?options=update", array(entity(old, t, prop("c", 4)), entity(fresh, t, prop("a", 5))));
        assertThat(updated.status()).as("nothing created").isEqualTo(204);
        assertThat(entityOf(old).at("/a/value").asInt()).as("options=update keeps other attributes").isEqualTo(2);
        assertThat(entityOf(old).at("/c/value").asInt()).isEqualTo(4);
        assertThat(entityOf(fresh).at("/a/value").asInt()).isEqualTo(5);

        var bad = running.api.post(NGSI + "/entityOperations/upsert", array(entity(old, t, prop("a", 6)), entity(fresh, t, "\"a\":null")));
        assertThat(bad.status()).isEqualTo(207);
        assertThat(bad.json().get("success")).extracting(JsonNode::asText).containsExactly(old);
    }

    @Test
    void updateChangesExistingEntitiesAndReportsMissingOnes() {
        String t = freshType();
        String a = "urn:ngsi-ld:" + t + ":a";
        String b = "urn:ngsi-ld:" + t + ":b";
        running.api.post(NGSI + "/entityOperations/create", array(entity(a, t, prop("x", 1)), entity(b, t, prop("x", 1))));

        assertThat(running.api.post(NGSI + "/entityOperations/update", array(entity(a, t, prop("x", 2)), entity(b, t, prop("y", 2)))).status()).isEqualTo(204);
        assertThat(entityOf(a).at("/x/value").asInt()).isEqualTo(2);
        assertThat(entityOf(b).at("/x/value").asInt()).isEqualTo(1);
        assertThat(entityOf(b).at("/y/value").asInt()).isEqualTo(2);

        String ghost = "urn:ngsi-ld:" + t + ":ghost";
        var partly = running.api.post(NGSI + "/entityOperations/update", array(entity(a, t, prop("x", 3)), entity(ghost, t, prop("x", 3))));
        assertThat(partly.status()).isEqualTo(207);
        assertThat(partly.json().get("success")).extracting(JsonNode::asText).containsExactly(a);
        assertThat(partly.json().at("/errors/0/entityId").asText()).isEqualTo(ghost);
        assertThat(partly.json().at("/errors/0/error/type").asText()).endsWith("ResourceNotFound");
        assertThat(running.api.get(NGSI + "/entities/" + ghost).status()).as("update never creates").isEqualTo(404);

        var kept = running.api.post(NGSI + "/entityOperations/update?options=noOverwrite", array(entity(a, t, prop("x", 4) + "," + prop("z", 4)), entity(b, t, prop("w", 4))));
        assertThat(kept.status()).as("an attribute left alone by noOverwrite is reported").isEqualTo(207);
        assertThat(kept.json().get("success")).extracting(JsonNode::asText).containsExactly(b);
        assertThat(kept.json().at("/errors/0/entityId").asText()).isEqualTo(a);
        assertThat(entityOf(a).at("/x/value").asInt()).isEqualTo(3);
        assertThat(entityOf(a).at("/z/value").asInt()).as("new attributes are still appended").isEqualTo(4);
        assertThat(running.api.post(NGSI + "/entityOperations/update?options=noOverwrite", array(entity(b, t, prop("v", 5)))).status()).isEqualTo(204);
    }

    @Test
    void mergePatchesEachEntity() {
        String t = freshType();
        String a = "urn:ngsi-ld:" + t + ":a";
        running.api.post(NGSI + "/entities", entity(a, t, "\"temp\":{\"type\":\"Property\",\"value\":20,\"unitCode\":\"CEL\"}," + prop("keep", 1)));
        var merged = running.api.post(NGSI + "/entityOperations/merge", array(entity(a, t, "\"temp\":{\"type\":\"Property\",\"value\":22}")));
        assertThat(merged.status()).isEqualTo(204);
        JsonNode e = entityOf(a);
        assertThat(e.at("/temp/value").asInt()).isEqualTo(22);
        assertThat(e.at("/temp/unitCode").asText()).isEqualTo("CEL");
        assertThat(e.at("/keep/value").asInt()).isEqualTo(1);
        assertThat(running.api.post(NGSI + "/entityOperations/merge", array(entity(a, t, "\"temp\":{\"unitCode\":\"FAH\"},\"keep\":\"urn:ngsi-ld:null\"")))
                .status()).isEqualTo(204);
        e = entityOf(a);
        assertThat(e.at("/temp/value").asInt()).as("a fragment merges into the attribute").isEqualTo(22);
        assertThat(e.at("/temp/unitCode").asText()).isEqualTo("FAH");
        assertThat(e.has("keep")).isFalse();
        var missing = running.api.post(NGSI + "/entityOperations/merge", array(entity("urn:ngsi-ld:" + t + ":ghost", t, prop("v", 1))));
        assertThat(missing.status()).isEqualTo(207);
        assertThat(missing.json().get("success")).isEmpty();
    }

    @Test
    void deleteTakesIdsAndReportsUnknownOnes() {
        String t = freshType();
        String a = "urn:ngsi-ld:" + t + ":a";
        String b = "urn:ngsi-ld:" + t + ":b";
        running.api.post(NGSI + "/entityOperations/create", array(entity(a, t, ""), entity(b, t, "")));
        assertThat(running.api.post(NGSI + "/entityOperations/delete", "[\"" + a + "\"]").status()).isEqualTo(204);
        assertThat(running.api.get(NGSI + "/entities/" + a).status()).isEqualTo(404);
        var partly = running.api.post(NGSI + "/entityOperations/delete", "[\"" + a + "\",\"" + b + "\",\"not a uri\"]");
        assertThat(partly.status()).isEqualTo(207);
        assertThat(partly.json().get("success")).extracting(JsonNode::asText).containsExactly(b);
        assertThat(partly.json().get("errors")).extracting(e -> e.get("entityId").asText()).containsExactly(a, "not a uri");
        assertThat(partly.json().at("/errors/0/error/type").asText()).endsWith("ResourceNotFound");
    }

    @Test
    void queryTakesTheQueryAsABody() {
        String t = freshType();
        for (int i = 0; i < 4; i++) {
            running.api.post(NGSI + "/entities", entity("urn:ngsi-ld:" + t + ":" + i, t, prop("n", i) + "," + point(105.85 + i * 0.01, 21.03)));
        }
        var r = running.api.post(NGSI + "/entityOperations/query?count=true", """
                {"type":"Query","entities":[{"type":"%s"}],"attrs":["n"],"q":"n>=1",
                 "geoQ":{"georel":"near;maxDistance==1500","geometry":"Point","coordinates":[105.85,21.03]}}""".formatted(t));
        assertThat(r.status()).isEqualTo(200);
        assertThat(ids(r.json())).containsExactlyInAnyOrder("urn:ngsi-ld:" + t + ":1");
        assertThat(r.header("NGSILD-Results-Count")).hasValue("1");
        assertThat(r.json().get(0).has("location")).isFalse();
        var byId = running.api.post(NGSI + "/entityOperations/query?options=keyValues", "{\"type\":\"Query\",\"entities\":[{\"id\":\"urn:ngsi-ld:" + t + ":2\",\"type\":\"" + t + "\"}]}");
        assertThat(byId.json().get(0).get("n").asInt()).isEqualTo(2);
        assertThat(running.api.post(NGSI + "/entityOperations/query", "{\"type\":\"Query\"}").status()).isEqualTo(400);
        assertThat(running.api.post(NGSI + "/entityOperations/query", "{\"type\":\"Query\",\"q\":\"n>>1\"}").status()).isEqualTo(400);
    }

    @Test
    void itemsWithoutAnIdRefuseTheWholeBatchBecauseTheResultReportsItemsByEntityId() {
        String t = freshType();
        String a = "urn:ngsi-ld:" + t + ":a";
        for (String operation : List.of("create", "upsert", "update", "merge")) {
            var r = running.api.post(NGSI + "/entityOperations/" + operation,
                    array(entity(a, t, prop("v", 1)), "{\"type\":\"" + t + "\"}", "{\"id\":7,\"type\":\"" + t + "\"}", "null", "[1]"));
            assertThat(r.status()).as(operation).isEqualTo(400);
            assertThat(r.problemType()).isEqualTo("BadRequestData");
            assertThat(r.json().get("detail").asText()).as(operation).contains("1, 2, 3, 4").contains("no entity id");
        }
        assertThat(running.api.get(NGSI + "/entities/" + a).status()).as("nothing was written").isEqualTo(404);
        var delete = running.api.post(NGSI + "/entityOperations/delete", "[\"" + a + "\",42,{}]");
        assertThat(delete.status()).isEqualTo(400);
        assertThat(delete.json().get("detail").asText()).contains("items 1, 2");

        var reported = running.api.post(NGSI + "/entityOperations/create", array(entity("not a uri", t, "")));
        assertThat(reported.status()).isEqualTo(207);
        assertThat(reported.json().at("/errors/0/entityId").asText()).as("an item with an id is reported by it, valid or not").isEqualTo("not a uri");
    }

    @Test
    void aBatchMustBeABoundedArray() {
        assertThat(running.api.post(NGSI + "/entityOperations/create", "{\"id\":\"urn:x:1\",\"type\":\"T\"}").status()).isEqualTo(400);
        assertThat(running.api.post(NGSI + "/entityOperations/create", "[]").problemType()).as("an empty batch").isEqualTo("BadRequestData");
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i <= 10_000; i++) big.append(i == 0 ? "" : ",").append("\"urn:x:").append(i).append('"');
        assertThat(running.api.post(NGSI + "/entityOperations/delete", big.append(']').toString()).status()).isEqualTo(400);
    }
}
