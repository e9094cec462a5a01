package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.EntityApiTest.freshType;
import static io.city4d.server.EntityApiTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Multi-instance attributes (NGSI-LD clause 4.5.5: instances told apart by datasetId) and the attribute kinds of v1.8
 * (JsonProperty, VocabProperty, LanguageProperty, ListProperty, ListRelationship) through HTTP, on whichever store the
 * subclass runs.
 */
abstract class AttributeInstancesContract {
    static final String GPS = "urn:ngsi-ld:Dataset:gps";
    static final String RADAR = "urn:ngsi-ld:Dataset:radar";

    abstract Api api();

    /** A vehicle whose speed is 55 (default instance) and 11 (gps), with one attribute of each v1.8 kind. */
    private String vehicle(String type) {
        String id = "urn:ngsi-ld:Vehicle:" + UUID.randomUUID();
        var created = api().post(NGSI + "/entities", "{\"id\":\"" + id + "\",\"type\":\"" + type + "\","
                + "\"speed\":[{\"type\":\"Property\",\"value\":55,\"observedAt\":\"2026-11-25T08:00:00Z\"},"
                + "{\"type\":\"Property\",\"value\":11,\"datasetId\":\"" + GPS + "\",\"observedAt\":\"2026-11-25T08:00:00Z\"}],"
                + "\"brandName\":{\"type\":\"LanguageProperty\",\"languageMap\":{\"en\":\"Grand\",\"vi\":\"Lớn\"}},"
                + "\"street\":{\"type\":\"JsonProperty\",\"json\":{\"a\":1}},"
                + "\"category\":{\"type\":\"VocabProperty\",\"vocab\":\"commercial\"},"
                + "\"tyres\":{\"type\":\"ListProperty\",\"valueList\":[1.2,3.4]},"
                + "\"route\":{\"type\":\"ListRelationship\",\"objectList\":[\"urn:ngsi-ld:Road:1\",\"urn:ngsi-ld:Road:2\"]}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return id;
    }

    private JsonNode entity(String id, String query) {
        return api().get(NGSI + "/entities/" + id + query).json(200);
    }

    private static List<String> datasetIds(JsonNode instances) {
        List<String> out = new ArrayList<>();
        instances.forEach(i -> out.add(i.path("datasetId").asText("default")));
        return out;
    }

    @Test
    void instancesAndKindsRoundTripInEveryFormat() {
        String id = vehicle(freshType());
        JsonNode normalized = entity(id, "");
        assertThat(datasetIds(normalized.get("speed"))).containsExactly("default", GPS);
        assertThat(normalized.at("/speed/1/value").asInt()).isEqualTo(11);
        assertThat(normalized.at("/brandName/type").asText()).isEqualTo("LanguageProperty");
        assertThat(normalized.at("/brandName/languageMap/vi").asText()).isEqualTo("Lớn");
        assertThat(normalized.at("/street/json/a").asInt()).isEqualTo(1);
        assertThat(normalized.at("/category/type").asText()).isEqualTo("VocabProperty");
        assertThat(normalized.at("/tyres/valueList/1").asDouble()).isEqualTo(3.4);
        assertThat(normalized.at("/route/objectList/1/object").asText()).as("clause 4.5.22.2").isEqualTo("urn:ngsi-ld:Road:2");

        JsonNode concise = entity(id, "?options=concise");
        assertThat(concise.at("/speed/1/datasetId").asText()).isEqualTo(GPS);
        assertThat(concise.at("/tyres/valueList/0").asDouble()).as("the member tells the kind, so no type").isEqualTo(1.2);
        assertThat(concise.at("/tyres").has("type")).isFalse();

        JsonNode simplified = entity(id, "?options=keyValues");
        assertThat(simplified.get("speed")).isEqualTo(Api.parse("{\"dataset\":{\"@none\":55,\"" + GPS + "\":11}}"));
        assertThat(simplified.get("brandName")).isEqualTo(Api.parse("{\"languageMap\":{\"en\":\"Grand\",\"vi\":\"Lớn\"}}"));
        assertThat(simplified.get("street")).isEqualTo(Api.parse("{\"json\":{\"a\":1}}"));
        assertThat(simplified.get("category")).isEqualTo(Api.parse("{\"vocab\":\"commercial\"}"));
        assertThat(simplified.get("tyres")).isEqualTo(Api.parse("[1.2,3.4]"));
        assertThat(simplified.get("route")).isEqualTo(Api.parse("[\"urn:ngsi-ld:Road:1\",\"urn:ngsi-ld:Road:2\"]"));

        // what the broker writes, it reads back as the same entity
        String other = "urn:ngsi-ld:Vehicle:" + UUID.randomUUID();
        String copy = concise.toString().replace(id, other);
        assertThat(api().post(NGSI + "/entities", copy).status()).isEqualTo(201);
        JsonNode copied = entity(other, "");
        normalized.fieldNames().forEachRemaining(name -> {
            if (!name.equals("id")) assertThat(copied.get(name)).as(name).isEqualTo(normalized.get(name));
        });
    }

    @Test
    void eachUpdateTargetsTheInstanceOfItsDatasetId() {
        String id = vehicle(freshType());
        assertThat(api().patch(NGSI + "/entities/" + id + "/attrs/speed", "{\"value\":12,\"datasetId\":\"" + GPS + "\"}").status()).isEqualTo(204);
        assertThat(api().patch(NGSI + "/entities/" + id + "/attrs/speed", "{\"value\":56}").status()).as("no datasetId: the default instance").isEqualTo(204);
        assertThat(entity(id, "?attrs=speed&options=keyValues").get("speed")).isEqualTo(Api.parse("{\"dataset\":{\"@none\":56,\"" + GPS + "\":12}}"));

        var unknown = api().patch(NGSI + "/entities/" + id + "/attrs/speed", "{\"value\":1,\"datasetId\":\"" + RADAR + "\"}");
        assertThat(unknown.status()).isEqualTo(404);
        var updated = api().patch(NGSI + "/entities/" + id + "/attrs", "{\"speed\":[{\"type\":\"Property\",\"value\":57},"
                + "{\"type\":\"Property\",\"value\":2,\"datasetId\":\"" + RADAR + "\"}]}");
        assertThat(updated.status()).as("an update appends the instance of a new datasetId (clause 5.6.2)").isEqualTo(204);
        assertThat(entity(id, "?attrs=speed&options=keyValues").at("/speed/dataset/" + RADAR.replace("/", "~1"))).isEqualTo(Api.parse("2"));

        assertThat(api().post(NGSI + "/entities/" + id + "/attrs", "{\"speed\":{\"type\":\"Property\",\"value\":90,\"datasetId\":\"" + RADAR + "\"}}").status())
                .as("append adds an instance of a new datasetId").isEqualTo(204);
        var noOverwrite = api().post(NGSI + "/entities/" + id + "/attrs?options=noOverwrite", "{\"speed\":{\"type\":\"Property\",\"value\":0,\"datasetId\":\"" + GPS + "\"}}");
        assertThat(noOverwrite.status()).isEqualTo(207);
        assertThat(entity(id, "?attrs=speed&options=keyValues").get("speed"))
                .isEqualTo(Api.parse("{\"dataset\":{\"@none\":57,\"" + GPS + "\":12,\"" + RADAR + "\":90}}"));

        assertThat(api().put(NGSI + "/entities/" + id + "/attrs/speed", "{\"type\":\"Property\",\"value\":91,\"datasetId\":\"" + RADAR + "\"}").status()).isEqualTo(204);
        assertThat(api().patch(NGSI + "/entities/" + id, "{\"speed\":[{\"value\":13,\"datasetId\":\"" + GPS + "\"},{\"value\":58}]}").status())
                .as("merge, instance by instance").isEqualTo(204);
        assertThat(entity(id, "?attrs=speed&options=keyValues").get("speed"))
                .isEqualTo(Api.parse("{\"dataset\":{\"@none\":58,\"" + GPS + "\":13,\"" + RADAR + "\":91}}"));
    }

    @Test
    void deleteTakesTheDefaultInstanceOneDatasetIdOrAll() {
        String id = vehicle(freshType());
        assertThat(api().delete(NGSI + "/entities/" + id + "/attrs/speed?datasetId=" + RADAR).status()).isEqualTo(404);
        assertThat(api().delete(NGSI + "/entities/" + id + "/attrs/speed?datasetId=" + GPS).status()).isEqualTo(204);
        assertThat(entity(id, "?attrs=speed").get("speed").isObject()).as("one instance left, rendered as itself").isTrue();
        assertThat(entity(id, "?attrs=speed").at("/speed/value").asInt()).isEqualTo(55);
        assertThat(api().delete(NGSI + "/entities/" + id + "/attrs/speed?datasetId=" + GPS).status()).isEqualTo(404);

        String other = vehicle(freshType());
        assertThat(api().delete(NGSI + "/entities/" + other + "/attrs/speed").status()).isEqualTo(204);
        assertThat(entity(other, "?attrs=speed").at("/speed/datasetId").asText()).isEqualTo(GPS);
        assertThat(api().delete(NGSI + "/entities/" + other + "/attrs/speed").status()).as("no default instance left").isEqualTo(404);
        String third = vehicle(freshType());
        assertThat(api().delete(NGSI + "/entities/" + third + "/attrs/speed?deleteAll=true").status()).isEqualTo(204);
        assertThat(entity(third, "").has("speed")).isFalse();
    }

    @Test
    void queriesMatchAnyInstanceThroughTheIndex() {
        String type = freshType();
        String id = vehicle(type);
        assertThat(ids(api().get(NGSI + "/entities?type=" + type + "&q=speed==11").json())).containsExactly(id);
        assertThat(ids(api().get(NGSI + "/entities?type=" + type + "&q=speed==55").json())).containsExactly(id);
        assertThat(ids(api().get(NGSI + "/entities?type=" + type + "&q=speed%3C20").json())).containsExactly(id);
        assertThat(ids(api().get(NGSI + "/entities?type=" + type + "&q=speed==12").json())).isEmpty();
        assertThat(ids(api().get(NGSI + "/entities?q=speed==11;tyres==3.4&type=" + type).json())).containsExactly(id);
        assertThat(ids(api().get(NGSI + "/entities?attrs=speed&type=" + type).json())).containsExactly(id);
        api().delete(NGSI + "/entities/" + id + "/attrs/speed?datasetId=" + GPS);
        assertThat(ids(api().get(NGSI + "/entities?type=" + type + "&q=speed==11").json())).as("the index forgets a deleted instance").isEmpty();
        assertThat(api().get(NGSI + "/types/" + type).body()).contains("speed");
    }

    @Test
    void theDatasetIdParameterPicksInstances() {
        String type = freshType();
        String id = vehicle(type);
        assertThat(entity(id, "?datasetId=" + GPS + "&options=keyValues")).isEqualTo(Api.parse("{\"id\":\"" + id + "\",\"type\":\"" + type + "\","
                + "\"speed\":{\"dataset\":{\"" + GPS + "\":11}}}"));
        JsonNode defaults = api().get(NGSI + "/entities?type=" + type + "&datasetId=@none&attrs=speed,tyres&options=keyValues").json().get(0);
        assertThat(defaults.get("speed")).isEqualTo(Api.parse("55"));
        assertThat(defaults.get("tyres")).isEqualTo(Api.parse("[1.2,3.4]"));
        assertThat(api().get(NGSI + "/entities/" + id + "?datasetId=not%20a%20uri").status()).isEqualTo(400);
    }

    @Test
    void eachInstanceHasItsOwnHistory() {
        String id = vehicle(freshType());
        api().patch(NGSI + "/entities/" + id + "/attrs/speed", "{\"value\":12,\"datasetId\":\"" + GPS + "\",\"observedAt\":\"2026-11-25T09:00:00Z\"}");
        JsonNode series = api().get(NGSI + "/temporal/entities/" + id + "?attrs=speed&options=temporalValues").json().get("speed");
        assertThat(datasetIds(series)).containsExactly("default", GPS);
        assertThat(series.at("/1/values").toString()).contains("11").contains("12");
        assertThat(series.at("/0/values")).hasSize(1);
        JsonNode max = api().get(NGSI + "/temporal/entities/" + id + "?attrs=speed&options=aggregatedValues&aggrMethods=max").json().get("speed");
        assertThat(datasetIds(max)).containsExactly("default", GPS);
        assertThat(max.at("/1/max/0/0").asDouble()).isEqualTo(12);
        assertThat(max.at("/0/max/0/0").asDouble()).isEqualTo(55);
        JsonNode instances = api().get(NGSI + "/temporal/entities/" + id + "?attrs=speed").json().get("speed");
        assertThat(datasetIds(instances)).containsExactly("default", GPS, GPS);
    }

    @Test
    void badInstancesAreRefusedAndWriteNothing() {
        String type = freshType();
        String id = "urn:ngsi-ld:Vehicle:" + UUID.randomUUID();
        for (String attribute : List.of(
                "[{\"type\":\"Property\",\"value\":1,\"datasetId\":\"" + GPS + "\"},{\"type\":\"Property\",\"value\":2,\"datasetId\":\"" + GPS + "\"}]",
                "[{\"type\":\"Property\",\"value\":1},{\"type\":\"Property\",\"value\":2}]",
                "[{\"type\":\"Property\",\"value\":1,\"datasetId\":\"not a uri\"}]",
                "{\"type\":\"ListProperty\",\"valueList\":3}",
                "{\"type\":\"LanguageProperty\",\"languageMap\":{\"en\":3}}",
                "{\"type\":\"ListRelationship\",\"objectList\":[\"not a uri\"]}",
                "{\"type\":\"JsonProperty\",\"value\":1}")) {
            var refused = api().post(NGSI + "/entities", "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"speed\":" + attribute + "}");
            assertThat(refused.status()).as(attribute).isEqualTo(400);
        }
        assertThat(api().get(NGSI + "/entities/" + id).status()).isEqualTo(404);
        String existing = vehicle(type);
        assertThat(api().put(NGSI + "/entities/" + existing + "/attrs/speed", "[{\"type\":\"Property\",\"value\":1},{\"type\":\"Property\",\"value\":2,\"datasetId\":\"" + GPS + "\"}]").status())
                .isBetween(400, 499);
        assertThat(entity(existing, "?attrs=speed&options=keyValues").get("speed")).isEqualTo(Api.parse("{\"dataset\":{\"@none\":55,\"" + GPS + "\":11}}"));
    }

    @Test
    void theNgsiLdNullDeletesInAnUpdateAndIsRefusedElsewhere() {
        String id = vehicle(freshType());
        assertThat(api().patch(NGSI + "/entities/" + id + "/attrs", "{\"speed\":{\"type\":\"Property\",\"value\":\"urn:ngsi-ld:null\",\"datasetId\":\"" + GPS + "\"},"
                + "\"brandName\":{\"type\":\"LanguageProperty\",\"languageMap\":{\"@none\":\"urn:ngsi-ld:null\"}}}").status()).isEqualTo(204);
        JsonNode updated = entity(id, "?options=keyValues");
        assertThat(updated.get("speed")).isEqualTo(Api.parse("55"));
        assertThat(updated.has("brandName")).isFalse();
        assertThat(api().patch(NGSI + "/entities/" + id, "{\"street\":\"urn:ngsi-ld:null\"}").status()).as("merge").isEqualTo(204);
        assertThat(entity(id, "").has("street")).isFalse();
        for (String attribute : List.of("{\"type\":\"Property\",\"value\":\"urn:ngsi-ld:null\"}", "{\"type\":\"Relationship\",\"object\":\"urn:ngsi-ld:null\"}",
                "{\"type\":\"Property\",\"value\":{\"a\":[\"urn:ngsi-ld:null\"]}}", "{\"type\":\"Property\",\"value\":1,\"object\":\"urn:x:1\"}",
                "{\"type\":\"Relationship\",\"object\":\"urn:x:1\",\"unitCode\":\"MTR\"}", "{\"type\":\"JsonProperty\",\"json\":3}")) {
            assertThat(api().post(NGSI + "/entities/" + id + "/attrs", "{\"probe\":" + attribute + "}").status()).as(attribute).isEqualTo(400);
        }
        assertThat(api().post(NGSI + "/entities/" + id + "/attrs", "{\"observedAt\":{\"type\":\"Property\",\"value\":1}}").status())
                .as("a name the core context reserves for a member").isEqualTo(400);
        assertThat(entity(id, "").has("probe")).isFalse();
    }

    @Test
    void languageMapsServeTheLanguageAsked() {
        String id = vehicle(freshType());
        assertThat(entity(id, "?lang=vi").get("brandName")).isEqualTo(Api.parse("{\"type\":\"Property\",\"value\":\"Lớn\",\"lang\":\"vi\"}"));
        assertThat(entity(id, "?lang=fr;q=0.2,EN;q=0.9&options=keyValues").get("brandName").asText()).isEqualTo("Grand");
        assertThat(entity(id, "?lang=en-GB").at("/brandName/lang").asText()).as("a longer range falls back to its language").isEqualTo("en");
        assertThat(entity(id, "?lang=pt").at("/brandName/value").isTextual()).as("any language when none matches").isTrue();
        assertThat(entity(id, "?lang=*").at("/brandName/type").asText()).isEqualTo("Property");
        assertThat(api().get(NGSI + "/entities/" + id + "?lang=en;q=2").status()).isEqualTo(400);
    }

    @Test
    void batchOperationsCarryInstances() {
        String type = freshType();
        String id = "urn:ngsi-ld:Vehicle:" + UUID.randomUUID();
        var upserted = api().post(NGSI + "/entityOperations/upsert", "[{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"speed\":[{\"type\":\"Property\",\"value\":1},"
                + "{\"type\":\"Property\",\"value\":2,\"datasetId\":\"" + GPS + "\"}]}]");
        assertThat(upserted.status()).isBetween(200, 204);
        var updated = api().post(NGSI + "/entityOperations/update", "[{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"speed\":{\"type\":\"Property\",\"value\":3,\"datasetId\":\"" + GPS + "\"}}]");
        assertThat(updated.status()).isBetween(200, 204);
        assertThat(entity(id, "?options=keyValues").get("speed")).isEqualTo(Api.parse("{\"dataset\":{\"@none\":1,\"" + GPS + "\":3}}"));
    }
}
