package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.Api.enc;
import static io.city4d.server.EntityApiTest.freshType;
import static io.city4d.server.EntityApiTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP contract of /temporal/entities: time windows, lastN, simplified values, aggregates and their errors (clause 6.18 to 6.20). */
class TemporalApiTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    /** An entity whose pm25 was 10, 20, 30, 40 at 08:00, 09:00, 10:00 and 11:00 on 2026-11-25 (accuracy 0.9 each time). */
    static String sensorWithHistory(String type) {
        String id = "urn:ngsi-ld:" + type + ":" + UUID.randomUUID();
        var created = running.api.post(NGSI + "/entities", "{\"id\":\"" + id + "\",\"type\":\"" + type + "\"," + reading(10, "08") + "}");
        assertThat(created.status()).isEqualTo(201);
        for (int i = 2; i <= 4; i++) {
            String hour = String.format("%02d", 7 + i);
            assertThat(running.api.patch(NGSI + "/entities/" + id + "/attrs", "{" + reading(10 * i, hour) + "}").status()).isEqualTo(204);
        }
        return id;
    }

    private static String reading(int value, String hour) {
        return "\"pm25\":{\"type\":\"Property\",\"value\":" + value + ",\"observedAt\":\"2026-11-25T" + hour
                + ":00:00Z\",\"accuracy\":{\"type\":\"Property\",\"value\":0.9}}";
    }

    static List<Integer> values(JsonNode instances) {
        List<Integer> out = new ArrayList<>();
        instances.forEach(i -> out.add(i.path("value").asInt(i.path(0).asInt())));
        return out;
    }

    static String temporal(String id, String query) {
        return NGSI + "/temporal/entities/" + id + "?attrs=pm25&" + query;
    }

    @Test
    void historyAsInstancesInEachWindow() {
        String id = sensorWithHistory(freshType());
        var all = running.api.get(NGSI + "/temporal/entities/" + id + "?attrs=pm25");
        assertThat(all.status()).isEqualTo(200);
        JsonNode e = all.json();
        assertThat(e.get("id").asText()).isEqualTo(id);
        assertThat(values(e.get("pm25"))).containsExactly(10, 20, 30, 40);
        JsonNode first = e.get("pm25").get(0);
        assertThat(first.get("type").asText()).isEqualTo("Property");
        assertThat(first.get("observedAt").asText()).isEqualTo("2026-11-25T08:00:00Z");
        assertThat(first.at("/accuracy/value").asDouble()).as("sub-attributes compact like the entity's").isEqualTo(0.9);

        assertThat(values(running.api.get(temporal(id, "timerel=before&timeAt=2026-11-25T10:00:00Z")).json().get("pm25"))).containsExactly(10, 20);
        assertThat(values(running.api.get(temporal(id, "timerel=after&timeAt=2026-11-25T09:30:00Z")).json().get("pm25"))).containsExactly(30, 40);
        assertThat(values(running.api.get(temporal(id, "timerel=between&timeAt=2026-11-25T09:00:00Z&endTimeAt=2026-11-25T11:00:00Z")).json().get("pm25")))
                .containsExactly(20, 30);
        assertThat(values(running.api.get(temporal(id, "lastN=2")).json().get("pm25"))).containsExactly(30, 40);
        assertThat(values(running.api.get(temporal(id, "lastN=1&timerel=before&timeAt=2026-11-25T10:30:00Z")).json().get("pm25"))).containsExactly(30);
        assertThat(values(running.api.get(temporal(id, "timeAt=" + enc("2026-11-25T17:00:00+07:00") + "&timerel=before")).json().get("pm25")))
                .as("offsets other than Z are understood").containsExactly(10, 20);
    }

    @Test
    void temporalValuesAreValueTimePairs() {
        String id = sensorWithHistory(freshType());
        JsonNode pm25 = running.api.get(temporal(id, "options=temporalValues")).json().get("pm25");
        assertThat(pm25.get("type").asText()).isEqualTo("Property");
        assertThat(pm25.get("values")).hasSize(4);
        assertThat(pm25.at("/values/0/0").asInt()).isEqualTo(10);
        assertThat(pm25.at("/values/0/1").asText()).isEqualTo("2026-11-25T08:00:00Z");
        assertThat(pm25.at("/values/3/0").asInt()).isEqualTo(40);
    }

    @Test
    void aggregatesPerPeriod() {
        String id = sensorWithHistory(freshType());
        String window = "timerel=between&timeAt=2026-11-25T08:00:00Z&endTimeAt=2026-11-25T12:00:00Z";
        JsonNode pm25 = running.api.get(temporal(id, window + "&options=aggregatedValues&aggrMethods=avg,max,min,sum,totalCount&aggrPeriodDuration=PT2H"))
                .json().get("pm25");
        assertThat(pm25.get("type").asText()).isEqualTo("Property");
        assertThat(pm25.get("avg")).hasSize(2);
        assertThat(pm25.at("/avg/0/0").asDouble()).isEqualTo(15);
        assertThat(pm25.at("/avg/0/1").asText()).isEqualTo("2026-11-25T08:00:00Z");
        assertThat(pm25.at("/avg/0/2").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(pm25.at("/avg/1/0").asDouble()).isEqualTo(35);
        assertThat(pm25.at("/max/1/0").asDouble()).isEqualTo(40);
        assertThat(pm25.at("/min/0/0").asDouble()).isEqualTo(10);
        assertThat(pm25.at("/sum/1/0").asDouble()).isEqualTo(70);
        assertThat(pm25.at("/totalCount/0/0").asInt()).isEqualTo(2);

        JsonNode whole = running.api.get(temporal(id, window + "&options=aggregatedValues&aggrMethods=avg")).json().get("pm25");
        assertThat(whole.get("avg")).as("no period: one bucket").hasSize(1);
        assertThat(whole.at("/avg/0/0").asDouble()).isEqualTo(25);
        JsonNode zero = running.api.get(temporal(id, window + "&options=aggregatedValues&aggrMethods=avg&aggrPeriodDuration=PT0S")).json().get("pm25");
        assertThat(zero).as("PT0S: one period over the whole range (clause 4.5.19.1)").isEqualTo(whole);
    }

    @Test
    void queriesTheHistoryOfSeveralEntities() {
        String type = freshType();
        String a = sensorWithHistory(type);
        String b = sensorWithHistory(type);
        var r = running.api.get(NGSI + "/temporal/entities?type=" + type + "&attrs=pm25&timerel=after&timeAt=2026-11-25T10:00:00Z");
        assertThat(r.status()).isEqualTo(200);
        assertThat(ids(r.json())).containsExactlyInAnyOrder(a, b);
        r.json().forEach(e -> assertThat(values(e.get("pm25"))).containsExactly(30, 40));
        assertThat(running.api.get(NGSI + "/temporal/entities?type=" + type + "&q=" + enc("pm25>35") + "&attrs=pm25").json()).hasSize(2);
    }

    @Test
    void pickAndOmitProjectTemporalRepresentations() {
        String type = freshType();
        String id = sensorWithHistory(type);
        JsonNode picked = running.api.get(NGSI + "/temporal/entities/" + id + "?pick=id,pm25&lastN=1").json();
        assertThat(picked.has("type")).isFalse();
        assertThat(values(picked.get("pm25"))).containsExactly(40);
        assertThat(running.api.get(NGSI + "/temporal/entities/" + id + "?omit=pm25").json().has("pm25")).isFalse();
        assertThat(running.api.get(NGSI + "/temporal/entities/" + id + "?pick=nothing").status()).isEqualTo(404);
        JsonNode query = running.api.get(NGSI + "/temporal/entities?type=" + type + "&omit=type&lastN=1").json();
        assertThat(query).hasSize(1);
        assertThat(query.get(0).has("type")).isFalse();
        for (String bad : List.of("pick=pm25&attrs=pm25", "pick=" + enc("pm25{x}"), "pick=pm25&omit=pm25")) {
            assertThat(running.api.get(NGSI + "/temporal/entities/" + id + "?" + bad).status()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void unknownEntitiesAndBadParametersAreRefused() {
        String id = sensorWithHistory(freshType());
        assertThat(running.api.get(NGSI + "/temporal/entities/urn:ngsi-ld:X:nobody").status()).isEqualTo(404);
        for (String bad : List.of(
                "timerel=before",
                "timeAt=2026-11-25T10:00:00Z",
                "timerel=between&timeAt=2026-11-25T10:00:00Z",
                "timerel=whenever&timeAt=2026-11-25T10:00:00Z",
                "timerel=after&timeAt=yesterday",
                "timerel=between&timeAt=2026-11-25T10:00:00Z&endTimeAt=2026-11-25T09:00:00Z",
                "timerel=between&timeAt=2026-11-25T10:00:00Z&endTimeAt=soon",
                "lastN=0",
                "lastN=many",
                "options=aggregatedValues",
                "options=aggregatedValues&aggrMethods=median",
                "options=aggregatedValues&aggrMethods=avg&aggrPeriodDuration=hourly")) {
            var r = running.api.get(temporal(id, bad));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.problemType()).as(bad).isEqualTo("BadRequestData");
        }
        assertThat(running.api.get(NGSI + "/temporal/entities?timerel=after&timeAt=2026-11-25T10:00:00Z").status()).as("a query needs a restriction").isEqualTo(400);
    }
}
