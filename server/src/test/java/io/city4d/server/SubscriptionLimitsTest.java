package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A subscription is bounded where it is accepted, so that none stored can be too large to load again: a 400 names the limit. */
class SubscriptionLimitsTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    static String withGeoQ(int points) {
        StringBuilder ring = new StringBuilder("[[");
        for (int i = 0; i < points - 1; i++) {
            double angle = 2 * Math.PI * i / (points - 1);
            ring.append(String.format(Locale.ROOT, "[%.6f,%.6f],", 105.85 + 0.01 * Math.cos(angle), 21.03 + 0.01 * Math.sin(angle)));
        }
        ring.append("[105.860000,21.030000]]]");
        return "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"Limit\"}],\"geoQ\":{\"georel\":\"within\",\"geometry\":\"Polygon\",\"coordinates\":" + ring
                + "},\"notification\":{\"endpoint\":{\"uri\":\"http://203.0.113.7/n\"}}}";
    }

    static String with(String member) {
        return "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"Limit\"}]," + member + ",\"notification\":{\"endpoint\":{\"uri\":\"http://203.0.113.7/n\"}}}";
    }

    @Test
    void aGeoQWithMorePointsThanTheLimitIsRefusedAndNotStored() {
        var huge = running.api.post(NGSI + "/subscriptions", withGeoQ(100_000));
        assertThat(huge.status()).as(huge.toString()).isEqualTo(400);
        assertThat(huge.json().get("detail").asText()).contains("4096").contains("100000");
        assertThat(running.api.post(NGSI + "/subscriptions", withGeoQ(4_097)).status()).isEqualTo(400);
        var largest = running.api.post(NGSI + "/subscriptions", withGeoQ(4_096));
        assertThat(largest.status()).as(largest.toString()).isEqualTo(201);
        assertThat(running.api.get(largest.header("Location").orElseThrow()).json().at("/geoQ/coordinates/0")).hasSize(4_096);
    }

    @Test
    void aLongQAndAnOversizedDocumentAreRefusedWithTheirLimits() {
        var longQ = running.api.post(NGSI + "/subscriptions", with("\"q\":\"" + "v>1;".repeat(2_048) + "v>1\""));
        assertThat(longQ.status()).as(longQ.toString()).isEqualTo(400);
        assertThat(longQ.json().get("detail").asText()).contains("8192");

        var large = running.api.post(NGSI + "/subscriptions", with("\"description\":\"" + "d".repeat(300_000) + "\""));
        assertThat(large.status()).as(large.toString()).isEqualTo(400);
        assertThat(large.json().get("detail").asText()).contains("262144");

        StringBuilder selectors = new StringBuilder("\"entities\":[");
        for (int i = 0; i < 5_000; i++) selectors.append(i == 0 ? "" : ",").append("{\"type\":\"Limit").append(i).append("\",\"idPattern\":\"urn:ngsi-ld:Limit:").append(i).append(".*\"}");
        String many = "{\"type\":\"Subscription\"," + selectors + "],\"notification\":{\"endpoint\":{\"uri\":\"http://203.0.113.7/n\"}}}";
        assertThat(running.api.post(NGSI + "/subscriptions", many).status()).isEqualTo(400);
    }

    @Test
    void notificationTriggerIsAListOfNames() {
        assertThat(running.api.post(NGSI + "/subscriptions", with("\"notificationTrigger\":{\"deep\":[[[[1]]]]}")).status()).isEqualTo(400);
        assertThat(running.api.post(NGSI + "/subscriptions", with("\"notificationTrigger\":[\"entityCreated\",7]")).status()).isEqualTo(400);
        assertThat(running.api.post(NGSI + "/subscriptions", with("\"notificationTrigger\":[\"entityCreated\",\"entityDeleted\"]")).status()).isEqualTo(201);
    }

    @Test
    void aPatchIsBoundedLikeACreation() {
        String path = running.api.post(NGSI + "/subscriptions", with("\"q\":\"v>1\"")).header("Location").orElseThrow();
        assertThat(running.api.patch(path, "{\"description\":\"" + "d".repeat(300_000) + "\"}").status()).isEqualTo(400);
        assertThat(running.api.get(path).json().has("description")).isFalse();
    }
}
