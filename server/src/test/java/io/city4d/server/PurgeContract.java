package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.freshType;
import static io.city4d.server.EntityApiTest.ids;
import static io.city4d.server.EntityApiTest.prop;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Purge Entities (DELETE /entities, clause 5.6.21) through HTTP, on whichever store the subclass runs. */
abstract class PurgeContract {
    abstract Api api();

    private String type;
    private Receiver receiver;

    @BeforeEach
    void setUp() {
        type = freshType();
        receiver = new Receiver();
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    private String create(int n, String name) {
        String id = "urn:ngsi-ld:" + type + ":" + n;
        var created = api().post(NGSI + "/entities", entity(id, type, prop("name", name) + "," + prop("height", n)
                + ",\"speed\":[{\"type\":\"Property\",\"value\":1},{\"type\":\"Property\",\"value\":2,\"datasetId\":\"urn:ngsi-ld:Dataset:gps\"}]"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void assertRefused(String query, String problem) {
        var purged = api().delete(NGSI + "/entities" + query);
        assertThat(purged.status()).as(query + ": " + purged).isEqualTo(400);
        assertThat(purged.problemType()).isEqualTo(problem);
    }

    @Test
    void aPurgeThatSelectsByNoMoreThanIdsOrSystemAttributesIsRefusedAndDeletesNothing() {
        String id = create(1, "Eiffel Tower");
        assertRefused("", "BadRequestData");
        assertRefused("?id=" + id, "BadRequestData");
        assertRefused("?idPattern=.*", "BadRequestData");
        assertRefused("?attrs=createdAt", "BadRequestData");
        assertRefused("?q=" + enc("modifiedAt>\"2020-01-01T00:00:00Z\""), "BadRequestData");
        assertRefused("?type=" + type + "&keep=name&drop=height", "BadRequestData");
        assertRefused("?type=" + type + "&q=" + enc("owner{name}==\"x\""), "BadRequestData");
        assertRefused("?type=" + type + "&attrs=" + enc("owner{name}"), "BadRequestData");
        assertRefused("?type=" + type + "&limit=5", "InvalidRequest");
        assertThat(api().get(NGSI + "/entities/" + id).status()).as("nothing was deleted").isEqualTo(200);
    }

    @Test
    void aPurgeDeletesWhatItSelectsThroughThePipelineAndNotifiesEachDeletion() {
        var subscribed = api().post(NGSI + "/subscriptions", "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"" + type + "\"}],"
                + "\"notificationTrigger\":[\"entityDeleted\"],\"notification\":{\"endpoint\":{\"uri\":\"" + receiver.url("/n") + "\"}}}");
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
        String eiffel = create(1, "Eiffel Tower");
        String other = create(2, "Big Ben");
        String third = create(3, "Eiffel Tower");

        assertThat(api().delete(NGSI + "/entities?q=" + enc("name==\"Eiffel Tower\"") + "&type=" + type).status()).isEqualTo(204);
        assertThat(ids(api().get(NGSI + "/entities?type=" + type).json())).containsExactly(other);
        Set<String> notified = new HashSet<>();
        for (Receiver.Received got = receiver.take(); got != null && notified.size() < 2; got = notified.size() < 2 ? receiver.take() : null) {
            got.body().get("data").forEach(e -> notified.add(e.get("id").asText()));
        }
        assertThat(notified).as("each deletion is notified").containsExactlyInAnyOrder(eiffel, third);

        assertThat(api().delete(NGSI + "/entities?type=" + type + "&id=" + eiffel).status()).as("nothing left to select").isEqualTo(204);
        assertThat(api().delete(NGSI + "/entities?local=true&idPattern=" + enc("^urn:ngsi-ld:" + type + ":.*")).status()).isEqualTo(204);
        assertThat(api().get(NGSI + "/entities/" + other).status()).isEqualTo(404);
    }

    @Test
    void dropDeletesEveryInstanceOfTheNamedAttributesAndKeepAllButThem() {
        String a = create(1, "Eiffel Tower");
        String b = create(2, "Big Ben");
        assertThat(api().delete(NGSI + "/entities?type=" + type + "&drop=speed,name").status()).isEqualTo(204);
        for (String id : new String[] {a, b}) {
            var got = api().get(NGSI + "/entities/" + id).json();
            assertThat(got.has("speed")).isFalse();
            assertThat(got.has("name")).isFalse();
            assertThat(got.get("height")).isNotNull();
        }
        String c = create(3, "Louvre");
        assertThat(api().delete(NGSI + "/entities?type=" + type + "&id=" + c + "&keep=name").status()).isEqualTo(204);
        var kept = api().get(NGSI + "/entities/" + c).json();
        assertThat(kept.get("name")).isNotNull();
        assertThat(kept.has("height")).isFalse();
        assertThat(kept.has("speed")).isFalse();
        assertThat(api().get(NGSI + "/entities/" + a).json().get("height")).as("outside the id filter").isNotNull();
    }
}
