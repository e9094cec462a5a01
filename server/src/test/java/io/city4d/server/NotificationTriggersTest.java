package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.freshType;
import static io.city4d.server.EntityApiTest.prop;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What makes a subscription notify and what the notification shows (clauses 5.2.12 to 5.2.15 and 5.3.1): the
 * notificationTrigger, deleted attributes and entities as their NGSI-LD null, showChanges, sysAttrs, receiverInfo
 * headers, JSON-LD entities with their @context; and the subscriptions refused for what they ask.
 */
class NotificationTriggersTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();
    private Receiver receiver;
    private String type;

    @BeforeEach
    void setUp() {
        receiver = new Receiver();
        type = freshType();
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    private String subscribe(String members, String notification) {
        var r = running.api.post(NGSI + "/subscriptions", "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"" + type + "\"}]"
                + (members.isEmpty() ? "" : "," + members) + ",\"notification\":{" + notification
                + (notification.contains("\"endpoint\"") ? "" : (notification.isEmpty() ? "" : ",") + "\"endpoint\":{\"uri\":\"" + receiver.url("/n") + "\"}") + "}}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.header("Location").orElseThrow();
    }

    private String create(String id, String attributes) {
        assertThat(running.api.post(NGSI + "/entities", entity(id, type, attributes)).status()).isEqualTo(201);
        return id;
    }

    private JsonNode notified() {
        Receiver.Received got = receiver.take();
        assertThat(got).as("a notification").isNotNull();
        return got.body().at("/data/0");
    }

    @Test
    void anAttributeDeletedIsNotifiedAsItsNull() {
        subscribe("\"notificationTrigger\":[\"attributeDeleted\"]", "");
        String id = create("urn:ngsi-ld:" + type + ":1", prop("name", "Hồ Gươm") + ",\"owner\":{\"type\":\"Relationship\",\"object\":\"urn:ngsi-ld:City:hanoi\"}");
        running.api.patch(NGSI + "/entities/" + id + "/attrs", "{" + prop("name", "Hoàn Kiếm") + "}");
        assertThat(receiver.poll(500)).as("neither the creation nor an update is a deletion").isNull();

        assertThat(running.api.delete(NGSI + "/entities/" + id + "/attrs/owner").status()).isEqualTo(204);
        JsonNode entity = notified();
        assertThat(entity.at("/owner/type").asText()).isEqualTo("Relationship");
        assertThat(entity.at("/owner/object").asText()).isEqualTo("urn:ngsi-ld:null");
        assertThat(entity.at("/name/value").asText()).as("the rest of the entity as it is now").isEqualTo("Hoàn Kiếm");
    }

    @Test
    void withSystemAttributesADeletedAttributeSaysWhenItWasDeleted() {
        subscribe("\"notificationTrigger\":[\"attributeDeleted\"]", "\"sysAttrs\":true");
        String id = create("urn:ngsi-ld:" + type + ":deletedAt", prop("level", 1.5) + "," + prop("name", "Hồ Tây"));
        assertThat(running.api.delete(NGSI + "/entities/" + id + "/attrs/level").status()).isEqualTo(204);
        JsonNode entity = notified();
        assertThat(entity.at("/level/value").asText()).isEqualTo("urn:ngsi-ld:null");
        assertThat(entity.at("/level/deletedAt").asText()).endsWith("Z");
        assertThat(entity.at("/name/deletedAt").isMissingNode()).isTrue();
    }

    @Test
    void anInstanceDeletedIsNotifiedAsItsNullBesideThoseThatRemain() {
        subscribe("\"notificationTrigger\":[\"attributeDeleted\"]", "");
        String fr = "urn:ngsi-ld:Dataset:fr";
        String id = create("urn:ngsi-ld:" + type + ":instance", "\"name\":[{\"type\":\"Property\",\"value\":\"Lake\"},"
                + "{\"type\":\"Property\",\"value\":\"Lac\",\"datasetId\":\"" + fr + "\"}]," + prop("level", 1.0));
        assertThat(running.api.delete(NGSI + "/entities/" + id + "/attrs/name?datasetId=" + fr).status()).isEqualTo(204);
        JsonNode name = notified().get("name");
        assertThat(name).hasSize(2);
        assertThat(name.get(0).get("value").asText()).isEqualTo("Lake");
        assertThat(name.get(1).get("value").asText()).isEqualTo("urn:ngsi-ld:null");
        assertThat(name.get(1).get("datasetId").asText()).isEqualTo(fr);

        running.api.post(NGSI + "/entities/" + id + "/attrs", "{\"name\":{\"type\":\"Property\",\"value\":\"Lac\",\"datasetId\":\"" + fr + "\"}}");
        assertThat(running.api.delete(NGSI + "/entities/" + id + "/attrs/name?deleteAll=true").status()).isEqualTo(204);
        assertThat(notified().at("/name/value").asText()).as("every instance gone: the attribute's null").isEqualTo("urn:ngsi-ld:null");
    }

    @Test
    void aDeletedEntityShowsItsPreviousValuesWhenChangesAreShown() {
        subscribe("\"notificationTrigger\":[\"entityDeleted\"]", "\"showChanges\":true");
        String id = create("urn:ngsi-ld:" + type + ":2", prop("level", 1.5));
        assertThat(running.api.delete(NGSI + "/entities/" + id).status()).isEqualTo(204);
        JsonNode entity = notified();
        assertThat(entity.get("id").asText()).isEqualTo(id);
        assertThat(entity.get("deletedAt").asText()).isNotEmpty();
        assertThat(entity.at("/level/value").asText()).isEqualTo("urn:ngsi-ld:null");
        assertThat(entity.at("/level/previousValue").asDouble()).isEqualTo(1.5);
    }

    @Test
    void anUpdateShowsThePreviousValueAndOnlyWhatItChanged() {
        subscribe("\"notificationTrigger\":[\"attributeUpdated\"]", "\"showChanges\":true,\"sysAttrs\":true");
        String id = create("urn:ngsi-ld:" + type + ":3", prop("level", 1.5) + "," + prop("name", "gauge"));
        assertThat(receiver.poll(500)).as("a creation is not an update").isNull();
        running.api.patch(NGSI + "/entities/" + id + "/attrs", "{" + prop("level", 2.5) + "}");
        JsonNode entity = notified();
        assertThat(entity.at("/level/value").asDouble()).isEqualTo(2.5);
        assertThat(entity.at("/level/previousValue").asDouble()).isEqualTo(1.5);
        assertThat(entity.at("/name").has("previousValue")).as("unchanged").isFalse();
        assertThat(entity.at("/level/modifiedAt").asText()).as("sysAttrs").isNotEmpty();
    }

    @Test
    void keyValuesWithSysAttrsShowTheEntitysOwn() {
        subscribe("", "\"format\":\"keyValues\",\"sysAttrs\":true");
        create("urn:ngsi-ld:" + type + ":7", prop("level", 3));
        JsonNode entity = notified();
        assertThat(entity.get("createdAt").asText()).isNotEmpty();
        assertThat(entity.get("modifiedAt").asText()).isNotEmpty();
        assertThat(entity.get("level").asInt()).as("an attribute is its bare value").isEqualTo(3);
    }

    @Test
    void receiverInfoBecomesHeadersAndJsonLdEntitiesCarryTheirContext() {
        subscribe("", "\"endpoint\":{\"uri\":\"" + receiver.url("/n") + "\",\"accept\":\"application/ld+json\","
                + "\"receiverInfo\":[{\"key\":\"X-Api-Token\",\"value\":\"k-123\"}]},\"format\":\"normalized\"");
        create("urn:ngsi-ld:" + type + ":4", prop("level", 1));
        Receiver.Received got = receiver.take();
        assertThat(got).isNotNull();
        assertThat(got.header("X-Api-Token")).isEqualTo("k-123");
        assertThat(got.header("Link")).as("the context is in the body").isNull();
        assertThat(got.body().at("/data/0").has("@context")).isTrue();
    }

    @Test
    void aPeriodicSubscriptionNotifiesTheCurrentStateEveryIntervalAndNotOnChanges() {
        create("urn:ngsi-ld:" + type + ":5", prop("level", 1));
        String location = subscribe("\"timeInterval\":1", "");
        assertThat(running.api.get(location).json().get("timeInterval").asInt()).isEqualTo(1);
        JsonNode first = notified();
        assertThat(first.at("/level/value").asInt()).as("the state, though nothing changed").isEqualTo(1);
        running.api.patch(NGSI + "/entities/urn:ngsi-ld:" + type + ":5/attrs", "{" + prop("level", 2) + "}");
        JsonNode next = notified();
        assertThat(next.at("/level/value").asInt()).as("the next tick's state").isEqualTo(2);
        assertThat(running.api.delete(location).status()).isEqualTo(204);
        receiver.poll(1_200); // a tick under way when it was deleted may still arrive
        assertThat(receiver.poll(1_500)).as("no more ticks once deleted").isNull();
    }

    @Test
    void aFailedAttemptShowsAsFailedWhileItIsRetried(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws InterruptedException {
        try (TestServer server = new TestServer(TestServer.config(dir).withRetries(List.of(java.time.Duration.ofMinutes(5))))) {
            Api api = server.api();
            receiver.answer(500);
            String location = api.post(NGSI + "/subscriptions", "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"" + type + "\"}],"
                    + "\"notification\":{\"endpoint\":{\"uri\":\"" + receiver.url("/n") + "\"}}}").header("Location").orElseThrow();
            api.post(NGSI + "/entities", entity("urn:ngsi-ld:" + type + ":6", type, prop("level", 1)));
            JsonNode notification = null;
            for (int i = 0; i < 100 && (notification == null || !notification.has("status")); i++) {
                Thread.sleep(50);
                notification = api.get(location).json().get("notification");
            }
            assertThat(notification.get("status").asText()).as("the last attempt failed").isEqualTo("failed");
            assertThat(notification.get("lastFailure").asText()).isNotEmpty();
            assertThat(notification.get("timesFailed").asInt()).as("not yet: its retry is five minutes away").isZero();
        }
    }

    @Test
    void pickAndOmitChooseTheMembersOfTheNotifiedEntities() {
        String picking = subscribe("", "\"pick\":[\"id\",\"name\"]");
        assertThat(running.api.get(picking).json().at("/notification/pick").toString()).isEqualTo("[\"id\",\"name\"]");
        String id = create("urn:ngsi-ld:" + type + ":pick", prop("name", "Hồ Tây") + "," + prop("level", 2.5));
        JsonNode picked = notified();
        assertThat(picked.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("id", "name");
        running.api.delete(picking);

        String omitting = subscribe("", "\"omit\":[\"type\",\"name\"]");
        running.api.patch(NGSI + "/entities/" + id + "/attrs", "{" + prop("level", 3.5) + "}");
        JsonNode omitted = notified();
        assertThat(omitted.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("id", "level");
        assertThat(running.api.get(omitting).json().at("/notification/omit").toString()).isEqualTo("[\"type\",\"name\"]");
    }

    @Test
    void aTypeExpressionSelectsEntitiesOfAnyOfItsTypes() {
        String other = freshType();
        var r = running.api.post(NGSI + "/subscriptions", "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"(" + other + "|" + type + ")\"}],"
                + "\"notification\":{\"endpoint\":{\"uri\":\"" + receiver.url("/n") + "\"}}}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(running.api.get(r.header("Location").orElseThrow()).json().at("/entities/0/type").asText()).isEqualTo(other + "|" + type);
        String id = create("urn:ngsi-ld:" + type + ":any", prop("level", 1.0));
        assertThat(notified().get("id").asText()).isEqualTo(id);
    }

    @Test
    void aDatasetIdShowsOnlyThoseInstances() {
        String subscription = subscribe("\"datasetId\":[\"urn:ngsi-ld:Dataset:fr\"]", "");
        assertThat(running.api.get(subscription).json().get("datasetId").toString()).isEqualTo("[\"urn:ngsi-ld:Dataset:fr\"]");
        create("urn:ngsi-ld:" + type + ":instances", "\"name\":[{\"type\":\"Property\",\"value\":\"Lake\"},"
                + "{\"type\":\"Property\",\"value\":\"Lac\",\"datasetId\":\"urn:ngsi-ld:Dataset:fr\"}]," + prop("level", 1.0));
        JsonNode entity = notified();
        assertThat(entity.at("/name/value").asText()).isEqualTo("Lac");
        assertThat(entity.at("/name/datasetId").asText()).isEqualTo("urn:ngsi-ld:Dataset:fr");
        assertThat(entity.has("level")).as("no instance of that dataset").isFalse();
    }

    @Test
    void subscriptionsThatAskForWhatCannotBeAreRefused() {
        String entities = "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"" + type + "\"}],";
        String endpoint = "\"endpoint\":{\"uri\":\"" + receiver.url("/n") + "\"";
        for (String body : List.of(
                entities + "\"notification\":{\"format\":\"keyValues\",\"showChanges\":true," + endpoint + "}}}",
                entities + "\"notification\":{" + endpoint + ",\"receiverInfo\":[{\"key\":\"X-A\",\"value\":1}]}}}",
                entities + "\"notification\":{" + endpoint + ",\"notifierInfo\":[{\"key\":\"MQTT-Version\",\"value\":{\"v\":5}}]}}}",
                entities + "\"notification\":{" + endpoint + ",\"receiverInfo\":[{\"key\":\"X-A\"}]}}}",
                entities + "\"notification\":{" + endpoint + ",\"receiverInfo\":[{\"key\":\"Content-Type\",\"value\":\"text/plain\"}]}}}",
                entities + "\"notificationTrigger\":[\"entityRenamed\"],\"notification\":{" + endpoint + "}}}",
                entities + "\"notificationTrigger\":[],\"notification\":{" + endpoint + "}}}",
                entities + "\"jsonldContext\":\"not a uri\",\"notification\":{" + endpoint + "}}}",
                entities + "\"isActive\":\"yes\",\"notification\":{" + endpoint + "}}}",
                entities + "\"csf\":\"((\",\"notification\":{" + endpoint + "}}}",
                entities + "\"timeInterval\":0,\"notification\":{" + endpoint + "}}}",
                entities + "\"timeInterval\":5,\"watchedAttributes\":[\"level\"],\"notification\":{" + endpoint + "}}}",
                entities + "\"notification\":{\"pick\":[\"id\"],\"omit\":[\"id\"]," + endpoint + "}}}",
                entities + "\"notification\":{\"pick\":[\"id\"],\"attributes\":[\"level\"]," + endpoint + "}}}",
                entities + "\"notification\":{\"omit\":[\"level\"],\"attributes\":[\"level\"]," + endpoint + "}}}",
                entities + "\"notification\":{\"pick\":[1]," + endpoint + "}}}",
                entities + "\"notification\":{\"omit\":[\"level{\"]," + endpoint + "}}}",
                entities + "\"datasetId\":[],\"notification\":{" + endpoint + "}}}",
                entities + "\"datasetId\":[\"not a uri\"],\"notification\":{" + endpoint + "}}}")) {
            var r = running.api.post(NGSI + "/subscriptions", body);
            assertThat(r.status()).as(body + " -> " + r).isEqualTo(400);
            assertThat(r.problemType()).isEqualTo("BadRequestData");
        }
        assertThat(running.api.get(NGSI + "/subscriptions").json().toString()).as("none was stored").doesNotContain(type);

        var delete = running.api.delete(NGSI + "/subscriptions/");
        assertThat(delete.status()).as("a subscription is deleted by its id").isEqualTo(405);
        assertThat(delete.header("Allow")).hasValue("GET, POST");
    }
}
