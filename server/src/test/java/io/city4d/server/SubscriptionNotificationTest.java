package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.city4d.core.model.Json;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subscriptions notify a real HTTP receiver, report their status, survive restarts and dead-letter failures. */
class SubscriptionNotificationTest {

    @Test
    void notifiesMatchingChangesAndKeepsTheSubscriptionAcrossRestarts(@TempDir Path dir) throws Exception {
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/notify", exchange -> {
            received.add(Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/notify";
        try {
            try (TestServer server = new TestServer(dir)) {
                var created = server.post("/ngsi-ld/v1/subscriptions", """
                        {"id":"urn:ngsi-ld:Subscription:high-pm","type":"Subscription","entities":[{"type":"AirQualityObserved"}],
                         "watchedAttributes":["pm25"],"q":"pm25>50","notification":{"attributes":["pm25"],"endpoint":{"uri":"%s"}}}
                        """.formatted(endpoint));
                assertThat(created.statusCode()).isEqualTo(201);
                server.post("/ngsi-ld/v1/entities", NgsiLdApiTest.station("urn:ngsi-ld:AirQualityObserved:s1", 20, 105.85, 21.03));
                server.patch("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:s1/attrs", "{\"pm25\":{\"type\":\"Property\",\"value\":75}}");
                JsonNode notification = received.poll(10, TimeUnit.SECONDS);
                assertThat(notification).isNotNull();
                assertThat(notification.get("subscriptionId").asText()).isEqualTo("urn:ngsi-ld:Subscription:high-pm");
                assertThat(notification.at("/data/0/pm25/value").asInt()).isEqualTo(75);
                assertThat(notification.at("/data/0/location").isMissingNode()).isTrue();
                assertThat(received.poll(300, TimeUnit.MILLISECONDS)).as("the 20 did not match q").isNull();
                JsonNode status = NgsiLdApiTest.json(server.get("/ngsi-ld/v1/subscriptions/urn:ngsi-ld:Subscription:high-pm"));
                assertThat(status.at("/notification/timesSent").asInt()).isEqualTo(1);
                assertThat(status.at("/notification/lastNotification").asText()).isNotEmpty();
            }
            try (TestServer restarted = new TestServer(dir)) {
                restarted.patch("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:s1/attrs", "{\"pm25\":{\"type\":\"Property\",\"value\":90}}");
                JsonNode notification = received.poll(10, TimeUnit.SECONDS);
                assertThat(notification).as("the subscription survived the restart").isNotNull();
                assertThat(notification.at("/data/0/pm25/value").asInt()).isEqualTo(90);
            }
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void failedDeliveriesEndInTheDeadLetterStore(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            int closedPort = TestServer.freePort();
            server.post("/ngsi-ld/v1/subscriptions", """
                    {"type":"Subscription","entities":[{"type":"Sensor"}],"notification":{"endpoint":{"uri":"http://127.0.0.1:%d/nobody"}}}
                    """.formatted(closedPort));
            server.post("/ngsi-ld/v1/entities", "{\"id\":\"urn:ngsi-ld:Sensor:dl\",\"type\":\"Sensor\",\"v\":{\"type\":\"Property\",\"value\":1}}");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
            JsonNode letters = Json.MAPPER.createArrayNode();
            while (Instant.now().isBefore(deadline) && letters.isEmpty()) {
                Thread.sleep(100);
                letters = NgsiLdApiTest.json(server.get("/ngsi-ld/v1/deadLetters"));
            }
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0).get("attempts").asInt()).isEqualTo(3);
            assertThat(letters.get(0).get("body").asText()).contains("urn:ngsi-ld:Sensor:dl");
            JsonNode subs = NgsiLdApiTest.json(server.get("/ngsi-ld/v1/subscriptions"));
            assertThat(subs.at("/0/notification/lastFailure").asText()).isNotEmpty();
        }
    }
}
