package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.Api.enc;
import static io.city4d.server.EntityApiTest.freshType;
import static io.city4d.server.TemporalApiTest.values;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temporal provision operations (clauses 5.6.11 to 5.6.16) through HTTP, on whichever store the subclass runs:
 * instances written with their observedAt, the current state they leave, instance edits and deletes with the
 * aggregates that follow them, bad input, and durability across a restart.
 */
abstract class TemporalProvisionContract {
    @TempDir
    Path dir;
    private TestServer server;

    /** A server on the subclass's store, keeping its files in the directory. */
    abstract TestServer start(Path dir);

    @BeforeEach
    void startServer() {
        server = start(dir);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Api api() {
        return server.api();
    }

    /** Stops the server and starts it again on the same store. */
    private void restart() {
        server.close();
        server = start(dir);
    }

    private static String speed(int value, String time) {
        return "{\"type\":\"Property\",\"value\":" + value + ",\"observedAt\":\"2026-11-25T" + time + "Z\"}";
    }

    /** A temporal entity with speed 10, 20, 30 at 08:00, 08:10 and 08:20, and a location at 08:20. */
    private String vehicle(String type) {
        String id = "urn:ngsi-ld:Vehicle:" + UUID.randomUUID();
        var created = api().post(NGSI + "/temporal/entities", "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"speed\":["
                + speed(10, "08:00:00") + "," + speed(20, "08:10:00") + "," + speed(30, "08:20:00") + "],"
                + "\"location\":[{\"type\":\"GeoProperty\",\"value\":{\"type\":\"Point\",\"coordinates\":[105.85,21.03]},\"observedAt\":\"2026-11-25T08:20:00Z\"}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).contains(NGSI + "/temporal/entities/" + id);
        return id;
    }

    private JsonNode speeds(String id) {
        var got = api().get(NGSI + "/temporal/entities/" + id + "?attrs=speed");
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        return got.json().get("speed");
    }

    private static List<String> instanceIds(JsonNode instances) {
        List<String> ids = new ArrayList<>();
        instances.forEach(i -> ids.add(i.get("instanceId").asText()));
        return ids;
    }

    @Test
    void instancesBecomeHistoryAndTheNewestTheCurrentState() {
        String type = freshType();
        String id = vehicle(type);
        JsonNode speeds = speeds(id);
        assertThat(values(speeds)).containsExactly(10, 20, 30);
        assertThat(instanceIds(speeds)).doesNotHaveDuplicates().allMatch(i -> i.startsWith("urn:ngsi-ld:Instance:"));
        assertThat(speeds.get(0).has("createdAt")).as("system attributes only with sysAttrs").isFalse();
        assertThat(api().get(NGSI + "/entities/" + id).json().at("/speed/value").asInt()).isEqualTo(30);

        // the temporal query finds the entity by type, q and geo, through the current state's indexes
        String window = "&timerel=after&timeAt=2026-11-25T00:00:00Z";
        assertThat(api().get(NGSI + "/temporal/entities?type=" + type + "&q=" + enc("speed>25") + window).json()).hasSize(1);
        assertThat(api().get(NGSI + "/temporal/entities?type=" + type + "&q=" + enc("speed<25") + window).json()).isEmpty();
        assertThat(api().get(NGSI + "/temporal/entities?type=" + type + "&georel=" + enc("near;maxDistance==1000")
                + "&geometry=Point&coordinates=" + enc("[105.851,21.031]") + window).json()).hasSize(1);

        // an older instance is back-filled history and leaves the current value; one at a stored instant replaces it
        var again = api().post(NGSI + "/temporal/entities", "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"speed\":["
                + speed(5, "07:50:00") + "," + speed(21, "08:10:00") + "]}");
        assertThat(again.status()).as(again.body()).isEqualTo(204);
        JsonNode after = speeds(id);
        assertThat(values(after)).containsExactly(5, 10, 21, 30);
        assertThat(after.get(2).get("instanceId").asText()).isEqualTo(speeds.get(1).get("instanceId").asText());
        assertThat(api().get(NGSI + "/entities/" + id).json().at("/speed/value").asInt()).isEqualTo(30);

        var newer = api().post(NGSI + "/temporal/entities/" + id + "/attrs", "{\"speed\":" + speed(40, "09:00:00")
                + ",\"heading\":[{\"type\":\"Property\",\"value\":90,\"observedAt\":\"2026-11-25T09:00:00Z\"}]}");
        assertThat(newer.status()).as(newer.body()).isEqualTo(204);
        JsonNode current = api().get(NGSI + "/entities/" + id).json();
        assertThat(current.at("/speed/value").asInt()).isEqualTo(40);
        assertThat(current.at("/heading/value").asInt()).isEqualTo(90);
    }

    @Test
    void instanceEditsAndDeletesKeepTheAggregatesRight() throws InterruptedException {
        String id = vehicle(freshType());
        Thread.sleep(1_500); // lets the background fold put the instances into rollup cells, which the edits must refold
        String daily = NGSI + "/temporal/entities/" + id + "?attrs=speed&options=aggregatedValues&aggrMethods=sum,totalCount,max&aggrPeriodDuration=P1D";
        assertThat(api().get(daily).json().at("/speed/sum/0/0").asDouble()).isEqualTo(60);
        List<String> instances = instanceIds(speeds(id));

        var patched = api().patch(NGSI + "/temporal/entities/" + id + "/attrs/speed/" + instances.get(1), "{\"value\":200}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(204);
        JsonNode speeds = speeds(id);
        assertThat(values(speeds)).containsExactly(10, 200, 30);
        assertThat(instanceIds(speeds)).isEqualTo(instances);
        assertThat(speeds.get(1).get("observedAt").asText()).as("members the fragment lacks stay").isEqualTo("2026-11-25T08:10:00Z");
        JsonNode aggregates = api().get(daily).json().get("speed");
        assertThat(aggregates.at("/sum/0/0").asDouble()).isEqualTo(240);
        assertThat(aggregates.at("/max/0/0").asDouble()).isEqualTo(200);

        assertThat(api().delete(NGSI + "/temporal/entities/" + id + "/attrs/speed/" + instances.get(2)).status()).isEqualTo(204);
        assertThat(values(speeds(id))).containsExactly(10, 200);
        aggregates = api().get(daily).json().get("speed");
        assertThat(aggregates.at("/sum/0/0").asDouble()).isEqualTo(210);
        assertThat(aggregates.at("/totalCount/0/0").asInt()).isEqualTo(2);

        assertThat(api().delete(NGSI + "/temporal/entities/" + id + "/attrs/speed/" + instances.get(2)).json().get("type").asText())
                .endsWith("ResourceNotFound");
        assertThat(api().patch(NGSI + "/temporal/entities/" + id + "/attrs/heading/" + instances.get(0), "{\"value\":1}").status())
                .as("an instance of another attribute").isEqualTo(404);
        assertThat(api().patch(NGSI + "/temporal/entities/" + id + "/attrs/speed/urn:ngsi-ld:Instance:x", "{\"value\":1}").status()).isEqualTo(404);
        assertThat(api().patch(NGSI + "/temporal/entities/" + id + "/attrs/speed/" + instances.get(0), "{\"value\":\"urn:ngsi-ld:null\"}").status())
                .isEqualTo(400);
        assertThat(values(speeds(id))).containsExactly(10, 200);
    }

    @Test
    void deletesAttributesAndEntities() {
        String id = vehicle(freshType());
        assertThat(api().delete(NGSI + "/temporal/entities/" + id + "/attrs/speed").status()).isEqualTo(204);
        JsonNode entity = api().get(NGSI + "/temporal/entities/" + id).json();
        assertThat(entity.has("speed")).isFalse();
        assertThat(entity.has("location")).isTrue();
        assertThat(api().delete(NGSI + "/temporal/entities/" + id + "/attrs/speed").status()).isEqualTo(404);

        assertThat(api().delete(NGSI + "/temporal/entities/" + id).status()).isEqualTo(204);
        assertThat(api().get(NGSI + "/temporal/entities/" + id).status()).isEqualTo(404);
        assertThat(api().get(NGSI + "/entities/" + id).status()).isEqualTo(404);
        assertThat(api().delete(NGSI + "/temporal/entities/" + id).status()).isEqualTo(404);
        assertThat(api().delete(NGSI + "/temporal/entities/").status()).isEqualTo(405);
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        String id = "urn:ngsi-ld:Vehicle:" + UUID.randomUUID();
        var bad = api().post(NGSI + "/temporal/entities", "{\"id\":\"" + id + "\",\"type\":\"Vehicle\",\"speed\":["
                + speed(10, "08:00:00") + ",{\"type\":\"Property\"}]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("type").asText()).endsWith("BadRequestData");
        assertThat(api().get(NGSI + "/temporal/entities/" + id).status()).isEqualTo(404);
        assertThat(api().post(NGSI + "/temporal/entities", "{\"type\":\"Vehicle\"}").status()).isEqualTo(400);
        assertThat(api().post(NGSI + "/temporal/entities", "[]").status()).isEqualTo(400);
        assertThat(api().post(NGSI + "/temporal/entities/" + id + "/attrs", "{\"speed\":" + speed(1, "08:00:00") + "}").status())
                .as("adding needs the entity").isEqualTo(404);
        assertThat(api().post(NGSI + "/temporal/entities//attrs", "{\"speed\":" + speed(1, "08:00:00") + "}").status()).isEqualTo(400);
        assertThat(api().delete(NGSI + "/temporal/entities/" + id + "/attrs/bad(name").status()).isEqualTo(400);
    }

    @Test
    void temporalWritesSurviveARestart() {
        String id = vehicle(freshType());
        List<String> instances = instanceIds(speeds(id));
        restart();
        JsonNode speeds = speeds(id);
        assertThat(values(speeds)).containsExactly(10, 20, 30);
        assertThat(instanceIds(speeds)).isEqualTo(instances);
        assertThat(api().get(NGSI + "/entities/" + id).json().at("/speed/value").asInt()).isEqualTo(30);
    }
}
