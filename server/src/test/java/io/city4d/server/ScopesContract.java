package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.Api.enc;
import static io.city4d.server.EntityApiTest.freshType;
import static io.city4d.server.EntityApiTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The scope member of entities (NGSI-LD clause 4.18) through every write, and the Scope Query Language (scopeQ,
 * clause 4.19) through GET /entities and POST /entityOperations/query, on whichever store the subclass runs.
 */
abstract class ScopesContract {

    abstract Api api();

    private String create(String type, String n, String scope) {
        String id = "urn:ngsi-ld:Garden:" + n + "-" + type;
        var created = api().post(NGSI + "/entities", "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"scope\":" + scope
                + ",\"name\":{\"type\":\"Property\",\"value\":\"" + n + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return id;
    }

    private JsonNode entity(String id, String query) {
        return api().get(NGSI + "/entities/" + id + query).json(200);
    }

    private JsonNode query(String type, String scopeQ) {
        return api().get(NGSI + "/entities?type=" + type + "&scopeQ=" + enc(scopeQ)).json(200);
    }

    @Test
    void scopeIsKeptAndShownInEveryFormat() {
        String type = freshType();
        String id = create(type, "a", "\"/Madrid/Gardens\"");
        assertThat(entity(id, "").get("scope").asText()).isEqualTo("/Madrid/Gardens");
        assertThat(entity(id, "?options=keyValues").get("scope").asText()).isEqualTo("/Madrid/Gardens");
        assertThat(entity(id, "?options=concise").get("scope").asText()).isEqualTo("/Madrid/Gardens");
        String many = create(type, "b", "[\"/Madrid/Gardens\",\"/Company/A\",\"/Madrid/Gardens\"]");
        assertThat(entity(many, "").get("scope")).as("in order, without repeats").isEqualTo(Api.parse("[\"/Madrid/Gardens\",\"/Company/A\"]"));
        assertThat(entity(many, "").has("name")).isTrue();
    }

    @Test
    void badScopesAre400AndNothingIsWritten() {
        String type = freshType();
        for (String bad : new String[] {"\"9bad\"", "\"/a//b\"", "\"/a-b\"", "\"urn:ngsi-ld:null\"", "[\"/ok\",\"/9bad\"]", "3", "\"Madrid\"", "\"/a/\""}) {
            var created = api().post(NGSI + "/entities", "{\"id\":\"urn:x:bad\",\"type\":\"" + type + "\",\"scope\":" + bad + "}");
            assertThat(created.status()).as(bad + ": " + created.body()).isEqualTo(400);
            assertThat(created.json().path("type").asText()).endsWith("BadRequestData");
        }
        assertThat(api().get(NGSI + "/entities/urn:x:bad").status()).isEqualTo(404);
        create(type, "ok", "\"/Madrid/Gardens/ParqueNorte\"");
        String id = create(type, "ü", "\"/Zürich/Gärten_2\"");
        assertThat(api().post(NGSI + "/entities/" + id + "/attrs", "{\"scope\":\"/a/+\"}").status()).isEqualTo(400);
        assertThat(entity(id, "").get("scope").asText()).isEqualTo("/Zürich/Gärten_2");
    }

    @Test
    void appendReplacesOrAddsUpdateAndMergeReplaceAndDeleteRemoves() {
        String type = freshType();
        String id = create(type, "a", "\"/A\"");
        assertThat(api().post(NGSI + "/entities/" + id + "/attrs", "{\"scope\":\"/B\"}").status()).isEqualTo(204);
        assertThat(entity(id, "").get("scope").asText()).as("append overwrites").isEqualTo("/B");
        assertThat(api().post(NGSI + "/entities/" + id + "/attrs?options=noOverwrite", "{\"scope\":[\"/C\",\"/B\"]}").status()).isEqualTo(204);
        assertThat(entity(id, "").get("scope")).as("noOverwrite adds").isEqualTo(Api.parse("[\"/B\",\"/C\"]"));
        assertThat(api().patch(NGSI + "/entities/" + id + "/attrs", "{\"scope\":\"/D/E\"}").status()).isEqualTo(204);
        assertThat(entity(id, "").get("scope").asText()).isEqualTo("/D/E");
        assertThat(api().patch(NGSI + "/entities/" + id, "{\"scope\":[\"/F\",\"/G\"]}").status()).isEqualTo(204);
        assertThat(entity(id, "").get("scope")).isEqualTo(Api.parse("[\"/F\",\"/G\"]"));
        assertThat(query(type, "/G")).hasSize(1);
        assertThat(query(type, "/D/E")).isEmpty();
        assertThat(api().delete(NGSI + "/entities/" + id + "/attrs/scope").status()).isEqualTo(204);
        assertThat(entity(id, "").has("scope")).isFalse();
        assertThat(entity(id, "").has("name")).isTrue();
        assertThat(query(type, "/#")).isEmpty();
        assertThat(api().delete(NGSI + "/entities/" + id + "/attrs/scope").status()).isEqualTo(404);
        assertThat(api().put(NGSI + "/entities/" + id, "{\"type\":\"" + type + "\",\"scope\":\"/H\"}").status()).isEqualTo(204);
        assertThat(entity(id, "").get("scope").asText()).isEqualTo("/H");
        assertThat(query(type, "/H")).hasSize(1);
        assertThat(api().patch(NGSI + "/entities/" + id + "/attrs/scope", "{\"value\":\"/I\"}").status()).as("clause 5.6.4").isEqualTo(400);
        assertThat(api().put(NGSI + "/entities/" + id + "/attrs/scope", "{\"value\":\"/I\"}").status()).as("clause 5.6.19").isEqualTo(400);
        assertThat(api().patch(NGSI + "/entities/" + id + "/attrs", "{\"scope\":\"urn:ngsi-ld:null\"}").status()).isEqualTo(204);
        assertThat(entity(id, "").has("scope")).as("the NGSI-LD Null deletes in an update").isFalse();
        var notUpdated = api().patch(NGSI + "/entities/" + id + "/attrs", "{\"scope\":\"/J\"}");
        assertThat(notUpdated.status()).as("an update replaces only a scope the entity has (clause 5.6.2)").isEqualTo(207);
        assertThat(notUpdated.json().at("/notUpdated/0/attributeName").asText()).isEqualTo("scope");
        assertThat(entity(id, "").has("scope")).isFalse();
    }

    @Test
    void batchOperationsKeepScopes() {
        String type = freshType();
        String body = "[{\"id\":\"urn:x:b1-" + type + "\",\"type\":\"" + type + "\",\"scope\":\"/Batch/One\"},"
                + "{\"id\":\"urn:x:b2-" + type + "\",\"type\":\"" + type + "\",\"scope\":[\"/Batch/Two\"]}]";
        assertThat(api().post(NGSI + "/entityOperations/create", body).status()).isEqualTo(201);
        assertThat(ids(query(type, "/Batch/#"))).containsExactlyInAnyOrder("urn:x:b1-" + type, "urn:x:b2-" + type);
        assertThat(api().post(NGSI + "/entityOperations/upsert?options=update", "[{\"id\":\"urn:x:b1-" + type + "\",\"type\":\"" + type
                + "\",\"scope\":\"/Batch/Three\"}]").status()).isEqualTo(204);
        assertThat(api().post(NGSI + "/entityOperations/update", "[{\"id\":\"urn:x:b2-" + type + "\",\"scope\":\"/Batch/Four\"}]").status()).isEqualTo(204);
        assertThat(ids(query(type, "/Batch/Three,/Batch/Four"))).containsExactlyInAnyOrder("urn:x:b1-" + type, "urn:x:b2-" + type);
        assertThat(query(type, "/Batch/One")).isEmpty();
    }

    @Test
    void scopeQueriesSelectByPathLevelAndSubtree() {
        String type = freshType();
        String gardens = create(type, "g", "\"/Madrid/Gardens\"");
        String north = create(type, "n", "\"/Madrid/Gardens/ParqueNorte\"");
        String deep = create(type, "d", "\"/Madrid/Gardens/ParqueNorte/Roses\"");
        String both = create(type, "b", "[\"/Madrid/Streets\",\"/CompanyA\"]");
        String prefix = create(type, "p", "\"/MadridX/Gardens\"");
        String underscore = create(type, "u", "\"/Madrid/G_rdens\"");
        String unscoped = "urn:x:none-" + type;
        assertThat(api().post(NGSI + "/entities", "{\"id\":\"" + unscoped + "\",\"type\":\"" + type + "\"}").status()).isEqualTo(201);

        assertThat(ids(query(type, "/Madrid/Gardens"))).containsExactly(gardens);
        assertThat(ids(query(type, "/Madrid/Gardens/+"))).containsExactly(north);
        assertThat(ids(query(type, "/Madrid/+"))).containsExactlyInAnyOrder(gardens, both, underscore);
        assertThat(ids(query(type, "/Madrid/Gardens/#"))).containsExactlyInAnyOrder(gardens, north, deep);
        assertThat(ids(query(type, "/Madrid/#"))).containsExactlyInAnyOrder(gardens, north, deep, both, underscore);
        assertThat(ids(query(type, "/#"))).containsExactlyInAnyOrder(gardens, north, deep, both, prefix, underscore);
        assertThat(ids(query(type, "/Madrid/Streets;/CompanyA"))).containsExactly(both);
        assertThat(ids(query(type, "/Madrid/Gardens;/CompanyA"))).isEmpty();
        assertThat(ids(query(type, "/CompanyA,/MadridX/#"))).containsExactlyInAnyOrder(both, prefix);
        assertThat(ids(query(type, "/Madrid/G_rdens"))).containsExactly(underscore);

        var noType = api().get(NGSI + "/entities?scopeQ=" + enc("/MadridX/Gardens"));
        assertThat(noType.status()).as("scopeQ alone selects: " + noType.body()).isEqualTo(200);
        assertThat(ids(noType.json())).containsExactly(prefix);
        var posted = api().post(NGSI + "/entityOperations/query", "{\"type\":\"Query\",\"entities\":[{\"type\":\"" + type
                + "\"}],\"scopeQ\":\"/Madrid/Gardens/+\"}");
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        assertThat(ids(posted.json())).containsExactly(north);
        var counted = api().get(NGSI + "/entities?type=" + type + "&scopeQ=" + enc("/Madrid/#") + "&count=true&limit=2");
        assertThat(counted.header("NGSILD-Results-Count")).contains("5");

        assertThat(ids(query(type, "/Madrid/+/ParqueNorte"))).containsExactly(north);
        assertThat(ids(query(type, "/+/Gardens/+/#"))).as("# takes the path itself too").containsExactlyInAnyOrder(north, deep);
        assertThat(ids(query(type, "/+"))).containsExactly(both);
        assertThat(ids(query(type, "(/Madrid/Streets;/CompanyA)|/MadridX/Gardens"))).containsExactlyInAnyOrder(both, prefix);
        assertThat(ids(query(type, "(/Madrid/+;/CompanyA),/Madrid/Gardens"))).containsExactlyInAnyOrder(both, gardens);

        for (String bad : new String[] {"Madrid", "/Madrid/#/x", "/a//b", "/a,", "/+x", "/a/#/b", "(/a", "/a)", "/a;;/b", "", "/a b"}) {
            var refused = api().get(NGSI + "/entities?type=" + type + "&scopeQ=" + enc(bad));
            assertThat(refused.status()).as(bad + ": " + refused.body()).isEqualTo(400);
        }
    }
}
