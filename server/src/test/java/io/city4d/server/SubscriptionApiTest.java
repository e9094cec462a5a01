package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.freshType;
import static io.city4d.server.EntityApiTest.point;
import static io.city4d.server.EntityApiTest.prop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** /subscriptions: CRUD, what triggers a notification, delivery over HTTP and MQTT, status, retries, dead letters, restarts (clause 6.10, 6.11). */
class SubscriptionApiTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();
    Receiver receiver;

    @BeforeEach
    void openReceiver() {
        receiver = new Receiver();
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    static String subscription(String id, String members, String endpoint) {
        return "{" + (id == null ? "" : "\"id\":\"" + id + "\",") + "\"type\":\"Subscription\"," + members
                + (members.isEmpty() ? "" : ",") + "\"notification\":{\"endpoint\":{\"uri\":\"" + endpoint + "\"}}}";
    }

    static String subscribe(String body) {
        var r = running.api.post(NGSI + "/subscriptions", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.header("Location").orElseThrow().substring((NGSI + "/subscriptions/").length());
    }

    static JsonNode read(String id) {
        return running.api.get(NGSI + "/subscriptions/" + id).json();
    }

    @Test
    void createReadListUpdateAndDelete() {
        String type = freshType();
        String id = "urn:ngsi-ld:Subscription:" + UUID.randomUUID();
        var created = running.api.post(NGSI + "/subscriptions", """
                {"id":"%s","type":"Subscription","subscriptionName":"high pm","description":"alerts",
                 "entities":[{"type":"%s"}],"watchedAttributes":["pm25"],"q":"pm25>50",
                 "geoQ":{"georel":"near;maxDistance==2000","geometry":"Point","coordinates":[105.85,21.03]},
                 "notification":{"attributes":["pm25"],"format":"keyValues","endpoint":{"uri":"%s","accept":"application/json"}},
                 "throttling":5,"expiresAt":"2099-01-01T00:00:00Z"}""".formatted(id, type, receiver.url("/n")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).hasValue(NGSI + "/subscriptions/" + id);

        JsonNode s = read(id);
        assertThat(s.get("id").asText()).isEqualTo(id);
        assertThat(s.get("type").asText()).isEqualTo("Subscription");
        assertThat(s.get("subscriptionName").asText()).isEqualTo("high pm");
        assertThat(s.at("/entities/0/type").asText()).isEqualTo(type);
        assertThat(s.at("/watchedAttributes/0").asText()).isEqualTo("pm25");
        assertThat(s.get("q").asText()).isEqualTo("pm25>50");
        assertThat(s.at("/geoQ/georel").asText()).isEqualTo("near;maxDistance==2000");
        assertThat(s.at("/geoQ/coordinates/0").asDouble()).isEqualTo(105.85);
        assertThat(s.at("/notification/format").asText()).isEqualTo("keyValues");
        assertThat(s.at("/notification/attributes/0").asText()).isEqualTo("pm25");
        assertThat(s.at("/notification/endpoint/uri").asText()).isEqualTo(receiver.url("/n"));
        assertThat(s.get("throttling").asInt()).isEqualTo(5);
        assertThat(s.get("expiresAt").asText()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(s.has("isActive")).as("shown only when given; true by default").isFalse();
        assertThat(s.get("status").asText()).isEqualTo("active");
        assertThat(s.at("/notification").has("status")).as("no attempt yet, so no status of the last one").isFalse();
        assertThat(s.at("/notification/timesSent").asInt()).isZero();

        var duplicate = running.api.post(NGSI + "/subscriptions", subscription(id, "\"entities\":[{\"type\":\"" + type + "\"}]", receiver.url("/n")));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.problemType()).isEqualTo("AlreadyExists");

        var list = running.api.get(NGSI + "/subscriptions?count=true&limit=1000");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).extracting(j -> j.get("id").asText()).contains(id);
        assertThat(Integer.parseInt(list.header("NGSILD-Results-Count").orElseThrow())).isEqualTo(list.json().size());
        assertThat(running.api.get(NGSI + "/subscriptions?limit=1&offset=0").json()).hasSize(1);
        assertThat(running.api.get(NGSI + "/subscriptions?limit=5000").problemType()).isEqualTo("TooManyResults");

        assertThat(running.api.patch(NGSI + "/subscriptions/" + id, "{\"q\":\"pm25>80\",\"isActive\":false}").status()).isEqualTo(204);
        s = read(id);
        assertThat(s.get("q").asText()).isEqualTo("pm25>80");
        assertThat(s.get("isActive").asBoolean()).isFalse();
        assertThat(s.get("status").asText()).isEqualTo("paused");
        assertThat(s.get("subscriptionName").asText()).as("members not patched are kept").isEqualTo("high pm");
        assertThat(running.api.patch(NGSI + "/subscriptions/" + id, "{\"q\":\"pm25>>\"}").status()).isEqualTo(400);
        assertThat(read(id).get("q").asText()).as("a refused patch changes nothing").isEqualTo("pm25>80");

        assertThat(running.api.delete(NGSI + "/subscriptions/" + id).status()).isEqualTo(204);
        assertThat(running.api.get(NGSI + "/subscriptions/" + id).status()).isEqualTo(404);
        assertThat(running.api.delete(NGSI + "/subscriptions/" + id).status()).isEqualTo(404);
        assertThat(running.api.patch(NGSI + "/subscriptions/" + id, "{\"q\":\"a>1\"}").status()).isEqualTo(404);
        assertThat(running.api.get(NGSI + "/subscriptions/not-a-uri").status()).isEqualTo(400);
    }

    /** A request that cannot be answered or read is refused as such before the subscription is looked for. */
    @Test
    void mediaTypesAreCheckedBeforeTheSubscriptionIsLookedFor() {
        String missing = NGSI + "/subscriptions/urn:ngsi-ld:Subscription:missing";
        assertThat(running.api.accept("text/html").get(missing).status()).isEqualTo(406);
        assertThat(running.api.send("PATCH", missing, "{}", "text/plain").status()).isEqualTo(415);
        assertThat(running.api.get(missing).status()).isEqualTo(404);
    }

    @Test
    void invalidSubscriptionsAreRefused() {
        String ok = receiver.url("/n");
        for (String bad : List.of(
                "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"T\"}]}",
                subscription(null, "", ok),
                subscription(null, "\"entities\":[{\"id\":\"urn:x:1\"}]", ok),
                subscription(null, "\"entities\":[{\"type\":\"T\"}],\"q\":\"a>>1\"", ok),
                subscription(null, "\"entities\":[{\"type\":\"T\"}],\"geoQ\":{\"georel\":\"near\",\"geometry\":\"Point\",\"coordinates\":[1,2]}", ok),
                subscription(null, "\"entities\":[{\"type\":\"T\"}],\"throttling\":-1", ok),
                subscription(null, "\"entities\":[{\"type\":\"T\"}],\"expiresAt\":\"tomorrow\"", ok),
                subscription(null, "\"entities\":[{\"type\":\"T\"}]", "ftp://127.0.0.1/x"),
                subscription(null, "\"entities\":[{\"type\":\"T\"}]", "not a uri"),
                subscription("not-a-uri", "\"entities\":[{\"type\":\"T\"}]", ok),
                "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"T\"}],\"notification\":{\"format\":\"pretty\",\"endpoint\":{\"uri\":\"" + ok + "\"}}}",
                "[]")) {
            var r = running.api.post(NGSI + "/subscriptions", bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("title").asText()).isNotEmpty();
        }
    }

    @Test
    void notifiesChangesThatMatchSelectorsWatchedAttributesQAndGeoQ() {
        String type = freshType();
        subscribe("""
                {"type":"Subscription","entities":[{"type":"%s"}],"watchedAttributes":["pm25"],"q":"pm25>50",
                 "geoQ":{"georel":"within","geometry":"Polygon","coordinates":[[[105.84,21.02],[105.86,21.02],[105.86,21.04],[105.84,21.04],[105.84,21.02]]]},
                 "notification":{"attributes":["pm25"],"endpoint":{"uri":"%s"}}}""".formatted(type, receiver.url("/n")));
        String inside = "urn:ngsi-ld:" + type + ":in";
        String outside = "urn:ngsi-ld:" + type + ":out";
        running.api.post(NGSI + "/entities", entity(inside, type, prop("pm25", 20) + "," + prop("noise", 40) + "," + point(105.85, 21.03)));
        running.api.post(NGSI + "/entities", entity(outside, type, prop("pm25", 90) + "," + point(106.5, 21.5)));
        running.api.patch(NGSI + "/entities/" + inside + "/attrs", "{" + prop("noise", 80) + "}");
        running.api.patch(NGSI + "/entities/" + inside + "/attrs", "{" + prop("pm25", 75) + "}");

        Receiver.Received n = receiver.take();
        assertThat(n).as("the change to pm25 inside the area notifies").isNotNull();
        assertThat(n.header("Content-Type")).startsWith("application/json");
        assertThat(n.header("Link")).contains("ngsi-ld-core-context");
        JsonNode body = n.body();
        assertThat(body.get("type").asText()).isEqualTo("Notification");
        assertThat(body.get("id").asText()).startsWith("urn:");
        assertThat(body.get("subscriptionId").asText()).startsWith("urn:ngsi-ld:Subscription:");
        assertThat(body.get("notifiedAt").asText()).isNotEmpty();
        assertThat(body.at("/data/0/id").asText()).isEqualTo(inside);
        assertThat(body.at("/data/0/type").asText()).isEqualTo(type);
        assertThat(body.at("/data/0/pm25/value").asInt()).isEqualTo(75);
        assertThat(body.at("/data/0/noise").isMissingNode()).as("notification.attributes projects").isTrue();
        assertThat(receiver.poll(400)).as("low pm25, an unwatched attribute and an entity outside the area do not notify").isNull();
    }

    @Test
    void notifiesOnlyEntitiesInTheScopesOfItsScopeQAndShowsTheirScope() {
        String type = freshType();
        String id = subscribe(subscription(null, "\"entities\":[{\"type\":\"" + type + "\"}],\"scopeQ\":\"/Madrid/#\"", receiver.url("/s")));
        assertThat(read(id).get("scopeQ").asText()).isEqualTo("/Madrid/#");
        running.api.post(NGSI + "/entities", "{\"id\":\"urn:x:" + type + ":out\",\"type\":\"" + type + "\",\"scope\":\"/Paris\"," + prop("n", 1) + "}");
        running.api.post(NGSI + "/entities", "{\"id\":\"urn:x:" + type + ":in\",\"type\":\"" + type + "\",\"scope\":\"/Madrid/Gardens\"," + prop("n", 2) + "}");
        Receiver.Received n = receiver.take();
        assertThat(n).isNotNull();
        assertThat(n.body().at("/data/0/id").asText()).isEqualTo("urn:x:" + type + ":in");
        assertThat(n.body().at("/data/0/scope").asText()).isEqualTo("/Madrid/Gardens");
        assertThat(receiver.poll(400)).as("the entity scoped /Paris does not notify").isNull();
        var bad = running.api.post(NGSI + "/subscriptions", subscription(null, "\"entities\":[{\"type\":\"" + type + "\"}],\"scopeQ\":\"Madrid\"", receiver.url("/s")));
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void selectsEntitiesByIdAndIdPatternAndNotifiesKeyValuesAndJsonLd() {
        String type = freshType();
        String one = "urn:ngsi-ld:" + type + ":one";
        subscribe("""
                {"type":"Subscription","entities":[{"id":"%s","type":"%s"}],
                 "notification":{"format":"keyValues","endpoint":{"uri":"%s","accept":"application/ld+json"}}}""".formatted(one, type, receiver.url("/id")));
        running.api.post(NGSI + "/entities", entity("urn:ngsi-ld:" + type + ":two", type, prop("v", 2)));
        running.api.post(NGSI + "/entities", entity(one, type, prop("v", 1)));
        Receiver.Received n = receiver.take();
        assertThat(n).isNotNull();
        assertThat(n.header("Content-Type")).startsWith("application/ld+json");
        assertThat(n.body().get("@context").toString()).contains("ngsi-ld-core-context");
        assertThat(n.body().at("/data/0/id").asText()).isEqualTo(one);
        assertThat(n.body().at("/data/0/v").asInt()).as("keyValues").isEqualTo(1);
        assertThat(receiver.poll(300)).isNull();

        Receiver byPattern = new Receiver();
        try {
            subscribe("""
                    {"type":"Subscription","entities":[{"idPattern":".*:p[0-9]+$","type":"%s"}],"notification":{"format":"concise","endpoint":{"uri":"%s"}}}"""
                    .formatted(type, byPattern.url("/p")));
            running.api.post(NGSI + "/entities", entity("urn:ngsi-ld:" + type + ":q1", type, prop("v", 1)));
            running.api.post(NGSI + "/entities", entity("urn:ngsi-ld:" + type + ":p7", type, "\"v\":{\"type\":\"Property\",\"value\":7,\"unitCode\":\"C62\"}"));
            Receiver.Received p = byPattern.take();
            assertThat(p.body().at("/data/0/id").asText()).endsWith(":p7");
            assertThat(p.body().at("/data/0/v/value").asInt()).isEqualTo(7);
            assertThat(p.body().at("/data/0/v/type").isMissingNode()).as("concise").isTrue();
            assertThat(byPattern.poll(300)).isNull();
        } finally {
            byPattern.close();
        }
    }

    @Test
    void deletionsNotifyOnlyWhenAsked() {
        String type = freshType();
        subscribe(subscription(null, "\"entities\":[{\"type\":\"" + type + "\"}],\"notificationTrigger\":[\"entityDeleted\"]", receiver.url("/d")));
        String id = "urn:ngsi-ld:" + type + ":1";
        running.api.post(NGSI + "/entities", entity(id, type, prop("v", 1)));
        receiver.take();
        running.api.delete(NGSI + "/entities/" + id);
        Receiver.Received n = receiver.take();
        assertThat(n).as("the deletion notified").isNotNull();
        assertThat(n.body().at("/data/0/id").asText()).isEqualTo(id);
    }

    /** A batch's changes arrive in few notifications, each entity once per notification, none lost. */
    @Test
    void changesCommittedTogetherAreNotifiedTogether() {
        String type = freshType();
        subscribe(subscription(null, "\"entities\":[{\"type\":\"" + type + "\"}]", receiver.url("/b")));
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 60; i++) batch.append(i == 0 ? "" : ",").append(entity("urn:ngsi-ld:" + type + ":" + i, type, prop("v", i)));
        assertThat(running.api.post(NGSI + "/entityOperations/create", batch.append("]").toString()).status()).isEqualTo(201);

        java.util.Set<String> notified = new java.util.HashSet<>();
        int notifications = 0;
        while (notified.size() < 60) {
            Receiver.Received n = receiver.take();
            assertThat(n).as("notified so far: " + notified.size()).isNotNull();
            notifications++;
            List<String> ids = new java.util.ArrayList<>();
            n.body().path("data").forEach(e -> ids.add(e.path("id").asText()));
            assertThat(ids).doesNotHaveDuplicates();
            notified.addAll(ids);
        }
        assertThat(notified).hasSize(60);
        assertThat(notifications).as("notifications for 60 entities created in one batch").isLessThan(60);
        assertThat(receiver.poll(300)).as("nothing twice").isNull();
    }

    @Test
    void throttlingSpacesNotifications() throws Exception {
        String type = freshType();
        subscribe(subscription(null, "\"entities\":[{\"type\":\"" + type + "\"}],\"throttling\":1", receiver.url("/t")));
        String id = "urn:ngsi-ld:" + type + ":1";
        running.api.post(NGSI + "/entities", entity(id, type, prop("v", 0)));
        assertThat(receiver.take()).isNotNull();
        for (int i = 1; i <= 3; i++) running.api.patch(NGSI + "/entities/" + id + "/attrs", "{" + prop("v", i) + "}");
        assertThat(receiver.poll(500)).as("inside the throttling interval").isNull();
        Thread.sleep(700);
        running.api.patch(NGSI + "/entities/" + id + "/attrs", "{" + prop("v", 9) + "}");
        Receiver.Received later = receiver.take();
        assertThat(later).isNotNull();
        assertThat(later.body().at("/data/0/v/value").asInt()).isEqualTo(9);
    }

    @Test
    void expiredAndPausedSubscriptionsStaySilent() throws InterruptedException {
        String type = freshType();
        var past = running.api.post(NGSI + "/subscriptions", subscription(null, "\"entities\":[{\"type\":\"" + type + "\"}],\"expiresAt\":\"2020-01-01T00:00:00Z\"", receiver.url("/x")));
        assertThat(past.status()).as("a subscription that has expired already is refused").isEqualTo(400);
        String soon = java.time.Instant.now().plusMillis(500).toString();
        String expired = subscribe(subscription(null, "\"entities\":[{\"type\":\"" + type + "\"}],\"expiresAt\":\"" + soon + "\"", receiver.url("/x")));
        Thread.sleep(700);
        subscribe(subscription(null, "\"entities\":[{\"type\":\"" + type + "\"}],\"isActive\":false", receiver.url("/x")));
        running.api.post(NGSI + "/entities", entity("urn:ngsi-ld:" + type + ":1", type, prop("v", 1)));
        assertThat(receiver.poll(500)).isNull();
        assertThat(read(expired).get("status").asText()).isEqualTo("expired");
    }

    @Test
    void reportsDeliveriesAndFailuresAndDeadLettersWhatCannotBeDelivered() {
        String type = freshType();
        String id = subscribe(subscription(null, "\"entities\":[{\"type\":\"" + type + "\"}]", receiver.url("/s")));
        String e = "urn:ngsi-ld:" + type + ":1";
        running.api.post(NGSI + "/entities", entity(e, type, prop("v", 1)));
        assertThat(receiver.take()).isNotNull();
        JsonNode ok = awaitStatus(id, s -> s.at("/notification/timesSent").asInt() == 1);
        assertThat(ok.at("/notification/lastNotification").asText()).isNotEmpty();
        assertThat(ok.at("/notification/lastSuccess").asText()).isNotEmpty();
        assertThat(ok.at("/notification/status").asText()).isEqualTo("ok");

        receiver.answer(500);
        running.api.patch(NGSI + "/entities/" + e + "/attrs", "{" + prop("v", 2) + "}");
        JsonNode failed = awaitStatus(id, s -> s.at("/notification/timesFailed").asInt() == 1);
        assertThat(failed.at("/notification/lastFailure").asText()).isNotEmpty();
        assertThat(failed.at("/notification/status").asText()).isEqualTo("failed");

        JsonNode letters = awaitDeadLetters(id);
        JsonNode letter = letters.get(0);
        assertThat(letter.get("attempts").asInt()).as("the first try and two retries").isEqualTo(3);
        assertThat(letter.get("endpoint").asText()).isEqualTo(receiver.url("/s"));
        assertThat(letter.get("error").asText()).contains("500");
        assertThat(Api.parse(letter.get("body").asText()).at("/data/0/v/value").asInt()).isEqualTo(2);

        receiver.answer(204);
        running.api.patch(NGSI + "/entities/" + e + "/attrs", "{" + prop("v", 3) + "}");
        assertThat(receiver.take().body().at("/data/0/v/value").asInt()).as("delivery resumes").isEqualTo(3);
    }

    @Test
    void retriesUntilTheEndpointRecovers() throws Exception {
        String type = freshType();
        receiver.answer(503);
        subscribe(subscription(null, "\"entities\":[{\"type\":\"" + type + "\"}]", receiver.url("/r")));
        running.api.post(NGSI + "/entities", entity("urn:ngsi-ld:" + type + ":1", type, prop("v", 1)));
        Thread.sleep(20);
        receiver.answer(204);
        assertThat(receiver.take()).as("a retry got through").isNotNull();
    }

    @Test
    void subscriptionsOfATenantNotifyWithItsHeader() {
        String type = freshType();
        Api district = running.api.tenant("district7");
        var created = district.post(NGSI + "/subscriptions", subscription(null, "\"entities\":[{\"type\":\"" + type + "\"}]", receiver.url("/tenant")));
        assertThat(created.status()).isEqualTo(201);
        running.api.post(NGSI + "/entities", entity("urn:ngsi-ld:" + type + ":default", type, prop("v", 1)));
        assertThat(receiver.poll(300)).as("another tenant's change").isNull();
        district.post(NGSI + "/entities", entity("urn:ngsi-ld:" + type + ":d7", type, prop("v", 1)));
        Receiver.Received n = receiver.take();
        assertThat(n.header("NGSILD-Tenant")).isEqualTo("district7");
        assertThat(n.body().at("/data/0/id").asText()).endsWith(":d7");
    }

    @Test
    void notifiesOverMqttThroughABroker() throws Exception {
        assumeTrue(mosquittoUp() || System.getenv("CI") != null, "no MQTT broker on 127.0.0.1:1883 (CI starts Mosquitto)");
        String type = freshType();
        String topic = "city4d-test/" + UUID.randomUUID() + "/notify";
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        MqttClient client = new MqttClient("tcp://127.0.0.1:1883", "sub-" + UUID.randomUUID(), new MemoryPersistence());
        client.connect();
        try {
            client.subscribe(topic, 1, (t, m) -> messages.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
            String id = subscribe(subscription(null, "\"entities\":[{\"type\":\"" + type + "\"}]", "mqtt://127.0.0.1:1883/" + topic));
            running.api.post(NGSI + "/entities", entity("urn:ngsi-ld:" + type + ":m", type, prop("v", 42)));
            String message = messages.poll(15, TimeUnit.SECONDS);
            assertThat(message).as("the notification reached the broker").isNotNull();
            JsonNode envelope = Api.parse(message);
            assertThat(envelope.at("/metadata/Content-Type").asText()).isEqualTo("application/json");
            assertThat(envelope.at("/metadata/Link").asText()).contains("ngsi-ld-core-context");
            assertThat(envelope.at("/body/type").asText()).isEqualTo("Notification");
            assertThat(envelope.at("/body/data/0/v/value").asInt()).isEqualTo(42);
            awaitStatus(id, s -> s.at("/notification/timesSent").asInt() == 1);
        } finally {
            client.disconnect();
            client.close();
        }
    }

    @Test
    void subscriptionsAndTheirCountersSurviveARestart(@TempDir Path own) throws Exception {
        String type = freshType();
        String id;
        try (TestServer first = new TestServer(own)) {
            Api a = first.api();
            var r = a.post(NGSI + "/subscriptions", subscription(null, "\"entities\":[{\"type\":\"" + type + "\"}],\"q\":\"v>5\"", receiver.url("/restart")));
            assertThat(r.status()).isEqualTo(201);
            id = r.header("Location").orElseThrow().substring((NGSI + "/subscriptions/").length());
            a.post(NGSI + "/entities", entity("urn:ngsi-ld:" + type + ":1", type, prop("v", 10)));
            assertThat(receiver.take()).isNotNull();
            Instant deadline = Instant.now().plusSeconds(10);
            while (a.get(NGSI + "/subscriptions/" + id).json().at("/notification/timesSent").asInt() != 1 && Instant.now().isBefore(deadline)) Thread.sleep(50);
            assertThat(a.get(NGSI + "/subscriptions/" + id).json().at("/notification/timesSent").asInt()).as("the delivery is counted").isEqualTo(1);
        }
        try (TestServer second = new TestServer(own)) {
            Api b = second.api();
            JsonNode s = b.get(NGSI + "/subscriptions/" + id).json();
            assertThat(s.get("q").asText()).isEqualTo("v>5");
            assertThat(s.at("/notification/timesSent").asInt()).as("counters are saved on close").isEqualTo(1);
            b.patch(NGSI + "/entities/urn:ngsi-ld:" + type + ":1/attrs", "{" + prop("v", 1) + "}");
            assertThat(receiver.poll(300)).as("q still applies").isNull();
            b.patch(NGSI + "/entities/urn:ngsi-ld:" + type + ":1/attrs", "{" + prop("v", 11) + "}");
            assertThat(receiver.take().body().at("/data/0/v/value").asInt()).isEqualTo(11);
        }
    }

    static JsonNode awaitStatus(String id, java.util.function.Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        JsonNode s = read(id);
        while (!done.test(s) && Instant.now().isBefore(deadline)) {
            sleep(50);
            s = read(id);
        }
        assertThat(done.test(s)).as("subscription status " + s).isTrue();
        return s;
    }

    static JsonNode awaitDeadLetters(String subscriptionId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            var mine = Api.parse("[]");
            JsonNode all = running.api.get(NGSI + "/deadLetters?limit=1000").json();
            for (JsonNode l : all) if (l.get("subscriptionId").asText().equals(subscriptionId)) ((com.fasterxml.jackson.databind.node.ArrayNode) mine).add(l);
            if (!mine.isEmpty()) return mine;
            sleep(50);
        }
        throw new AssertionError("no dead letter for " + subscriptionId);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean mosquittoUp() {
        try (Socket s = new Socket("127.0.0.1", 1883)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
