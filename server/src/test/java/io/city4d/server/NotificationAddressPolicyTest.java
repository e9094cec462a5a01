package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.prop;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notification endpoints get the address policy of remote @contexts: internal addresses (cloud metadata, loopback,
 * private ranges) are refused when the subscription is made, and again at each delivery, after the host is resolved;
 * a refused delivery is dead-lettered at once with its reason, never retried.
 */
class NotificationAddressPolicyTest {
    @TempDir
    Path dir;

    static String subscription(String type, String endpoint) {
        return "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"" + type + "\"}],\"notification\":{\"endpoint\":{\"uri\":\"" + endpoint + "\"}}}";
    }

    @Test
    void internalEndpointsAreRefusedWhenTheSubscriptionIsMade() {
        try (TestServer server = new TestServer(TestServer.config(dir).withNotifyAllow(List.of()))) {
            Api api = server.api();
            for (String endpoint : List.of("http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:9/n", "http://localhost:9/n",
                    "http://[::1]:9/n", "https://[::ffff:169.254.169.254]/n", "http://10.1.2.3/n", "http://192.168.0.1/n", "http://0.0.0.0:9/n",
                    "http://100.100.100.200/latest/meta-data/", "http://[fd00:ec2::254]/latest/meta-data/", "mqtt://127.0.0.1:1883/city4d/t",
                    "mqtts://user:pass@169.254.169.254/t", "http://2130706433:9/n")) {
                var r = api.post(NGSI + "/subscriptions", subscription("Guard", endpoint));
                assertThat(r.status()).as(endpoint + " -> " + r).isEqualTo(400);
                assertThat(r.json().get("detail").asText()).as(endpoint).contains("not a public address").contains("--notify-allow");
            }
            assertThat(api.post(NGSI + "/subscriptions", subscription("Guard", "http://127.1:9/n")).status()).isEqualTo(400);
            assertThat(api.get(NGSI + "/subscriptions").json()).as("none was stored").isEmpty();

            var created = api.post(NGSI + "/subscriptions", subscription("Guard", "http://203.0.113.7/n"));
            assertThat(created.status()).as("a public address is fine").isEqualTo(201);
            String path = created.header("Location").orElseThrow();
            var patched = api.patch(path, "{\"notification\":{\"endpoint\":{\"uri\":\"http://169.254.169.254/latest/meta-data/\"}}}");
            assertThat(patched.status()).as(patched.toString()).isEqualTo(400);
            assertThat(api.get(path).json().at("/notification/endpoint/uri").asText()).isEqualTo("http://203.0.113.7/n");
        }
    }

    @Test
    void aDeliveryTheOperatorNoLongerAllowsIsDeadLetteredAtOnceWithItsReason() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String path;
            try (TestServer allowing = new TestServer(TestServer.config(dir))) {
                Api api = allowing.api();
                var created = api.post(NGSI + "/subscriptions", subscription("Guarded", receiver.url("/notify")));
                assertThat(created.status()).isEqualTo(201);
                path = created.header("Location").orElseThrow();
                api.post(NGSI + "/entities", entity("urn:ngsi-ld:Guarded:1", "Guarded", prop("v", 1)));
                assertThat(receiver.take()).as("delivered while loopback was allowed").isNotNull();
                assertThat(receiver.poll(300)).as("once").isNull();
            }
            try (TestServer guarded = new TestServer(TestServer.config(dir).withNotifyAllow(List.of()))) {
                Api api = guarded.api();
                assertThat(api.get(path).status()).as("the stored subscription is still served").isEqualTo(200);
                api.patch(NGSI + "/entities/urn:ngsi-ld:Guarded:1/attrs", "{" + prop("v", 2) + "}");
                JsonNode letter = deadLetter(api);
                assertThat(letter.get("error").asText()).contains("127.0.0.1").contains("not a public address").contains("--notify-allow");
                assertThat(letter.get("attempts").asInt()).as("not retried").isEqualTo(1);
                Receiver.Received stray = receiver.poll(500);
                assertThat(stray).as("nothing reached the receiver: %s", stray == null ? null : stray.body()).isNull();
                assertThat(api.get(path).json().at("/notification/status").asText()).isEqualTo("failed");
            }
        }
    }

    @Test
    void theCitysOwnHostsOfContextAllowAreNotifiedToo() throws Exception {
        try (Receiver receiver = new Receiver();
             TestServer server = new TestServer(TestServer.config(dir).withNotifyAllow(List.of()).withContextAllow(List.of("127.0.0.1/32")))) {
            Api api = server.api();
            assertThat(api.post(NGSI + "/subscriptions", subscription("Own", receiver.url("/notify"))).status()).isEqualTo(201);
            api.post(NGSI + "/entities", entity("urn:ngsi-ld:Own:1", "Own", prop("v", 1)));
            assertThat(receiver.take()).as("one allow-list for @contexts and notifications").isNotNull();
            assertThat(api.post(NGSI + "/subscriptions", subscription("Own", "http://10.1.2.3/n")).status()).as("and no more").isEqualTo(400);
        }
    }

    private static JsonNode deadLetter(Api api) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            JsonNode letters = api.get(NGSI + "/deadLetters").json();
            if (!letters.isEmpty()) return letters.get(0);
            Thread.sleep(50);
        }
        throw new AssertionError("no dead letter within 10 s");
    }
}
