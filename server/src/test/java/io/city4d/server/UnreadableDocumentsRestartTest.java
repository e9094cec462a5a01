package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No stored document can keep the server from starting: one that cannot be read (the 2.4 MB subscription the probe
 * left, text that is not JSON, JSON of the wrong shape), in any collection loaded at start-up, is skipped and
 * reported by collection, tenant and id, and everything else is served as before. The server is killed with SIGKILL,
 * the documents are written into its SQLite file while it is down, and it is started again.
 */
class UnreadableDocumentsRestartTest {
    private static final String TOKEN = "restart-admin-token-0123456789";

    @Test
    void theServerStartsOverDocumentsItCannotReadAndReportsEachOne(@TempDir Path data) throws Exception {
        int port = TestServer.freePort();
        Api admin = new Api("http://127.0.0.1:" + port, TOKEN);
        String reader;
        String deviceKey;
        String subscription;
        String context;
        try (ServerProcess first = ServerProcess.start(data, port, TOKEN)) {
            reader = admin.post("/admin/v1/credentials", "{\"role\":\"reader\",\"name\":\"kept reader\"}").json().get("token").asText();
            deviceKey = admin.tenant("east").post("/admin/v1/devices", "{\"id\":\"kept-1\",\"entityId\":\"urn:ngsi-ld:AirQualityObserved:kept-1\","
                    + "\"profile\":\"air-quality\"}").json().get("apiKey").asText();
            subscription = admin.tenant("east").post(NGSI + "/subscriptions", NotificationAddressPolicyTest.subscription("Kept", "http://203.0.113.7/n"))
                    .header("Location").orElseThrow();
            String location = admin.post(NGSI + "/jsonldContexts", "{\"@context\":{\"Kept\":\"urn:kept\"}}").header("Location").orElseThrow();
            context = location.substring(location.indexOf(NGSI));
        }

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("city4d.db"))) {
            store(db, "subscriptions", "east", "urn:ngsi-ld:Subscription:huge", hugeSubscription());
            store(db, "subscriptions", "east", "urn:ngsi-ld:Subscription:cut", "{\"id\":\"urn:ngsi-ld:Subscription:cut\",");
            store(db, "subscriptions", "east", "urn:ngsi-ld:Subscription:odd", "{\"id\":\"urn:ngsi-ld:Subscription:odd\",\"tenant\":\"east\"}");
            store(db, "credentials", "", "not-json", "not json");
            store(db, "credentials", "", "emperor", "{\"id\":\"emperor\",\"secretHash\":\"00\",\"name\":\"x\",\"role\":\"emperor\",\"createdAt\":\"2026-01-01T00:00:00Z\"}");
            store(db, "devices", "east", "ghost", "[1, 2, 3]");
            store(db, "devices", "east", "faceless", "{\"id\":\"faceless\"}");
            store(db, "device-profiles", "", "warped", "{\"name\": null}");
            store(db, "tenants", "west", "tenant", "{");
            store(db, "jsonld-contexts", "", "rotten", "{{");
        }

        try (ServerProcess second = ServerProcess.start(data, port, TOKEN)) {
            assertThat(admin.token(reader).get(NGSI + "/types").status()).as("the reader's credential").isEqualTo(200);
            assertThat(admin.token(deviceKey).tenant("east").post("/ingest/v1/devices/kept-1", "{\"pm25\": 7}").status()).as("the device").isEqualTo(204);
            assertThat(admin.tenant("east").get(subscription).status()).as("the subscription").isEqualTo(200);
            assertThat(admin.tenant("east").get(NGSI + "/subscriptions").json()).hasSize(1);
            assertThat(admin.tenant("east").get("/admin/v1/devices").json().findValuesAsText("id")).containsExactly("kept-1");
            assertThat(admin.get("/admin/v1/deviceProfiles").status()).isEqualTo(200);
            assertThat(admin.anonymous().get(context).json().at("/@context/Kept").asText()).as("the hosted context").isEqualTo("urn:kept");
            assertThat(admin.get(NGSI + "/jsonldContexts").json()).as("the listing passes over the rotten one").hasSize(2);
            assertThat(admin.anonymous().get(NGSI + "/jsonldContexts/rotten").status()).as("the rotten one read by id").isEqualTo(404);
            String usingRotten = "http://127.0.0.1:" + port + NGSI + "/jsonldContexts/rotten";
            assertThat(admin.with("Link", "<" + usingRotten + ">; rel=\"http://www.w3.org/ns/json-ld#context\"").get(NGSI + "/types").status())
                    .as("a request naming the rotten one").isEqualTo(404);

            assertThat(admin.tenant("east").delete(NGSI + "/subscriptions/urn:ngsi-ld:Subscription:cut").status()).as("a skipped one can be deleted").isEqualTo(204);
            assertThat(admin.tenant("east").delete(NGSI + "/subscriptions/urn:ngsi-ld:Subscription:cut").status()).isEqualTo(404);

            String metrics = admin.get("/metrics").body();
            assertThat(metrics).contains("city4d_stored_documents_skipped{collection=\"subscriptions\"} 3.0")
                    .contains("city4d_stored_documents_skipped{collection=\"credentials\"} 2.0")
                    .contains("city4d_stored_documents_skipped{collection=\"devices\"} 2.0")
                    .contains("city4d_stored_documents_skipped{collection=\"device-profiles\"} 1.0")
                    .contains("city4d_stored_documents_skipped{collection=\"tenants\"} 1.0");
            String log = second.log();
            for (String id : new String[] {"urn:ngsi-ld:Subscription:huge", "urn:ngsi-ld:Subscription:cut", "urn:ngsi-ld:Subscription:odd"}) {
                assertThat(log).contains("skipped the stored document " + id + " of tenant 'east' in subscriptions");
            }
            assertThat(log).contains("not-json of tenant '' in credentials").contains("emperor of tenant '' in credentials")
                    .contains("ghost of tenant 'east' in devices").contains("warped of tenant '' in device-profiles").contains("of tenant 'west' in tenants");
        }
    }

    private static void store(Connection db, String collection, String tenant, String id, String body) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO document (collection, tenant, id, body) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, collection);
            insert.setString(2, tenant);
            insert.setString(3, id);
            insert.setString(4, body);
            insert.executeUpdate();
        }
    }

    /** A subscription as an earlier City4D stored it: a geoQ of 100,000 points, whose coordinates are one 2.4 MB string. */
    private static String hugeSubscription() {
        StringBuilder ring = new StringBuilder("[[");
        for (int i = 0; i < 100_000; i++) {
            double angle = 2 * Math.PI * i / 100_000;
            ring.append(String.format(java.util.Locale.ROOT, "[%.6f,%.6f],", 105.85 + 0.01 * Math.cos(angle), 21.03 + 0.01 * Math.sin(angle)));
        }
        ring.append("[105.860000,21.030000]]]");
        return "{\"id\":\"urn:ngsi-ld:Subscription:huge\",\"tenant\":\"east\",\"entities\":[{\"type\":\"https://uri.etsi.org/ngsi-ld/default-context/Kept\"}],"
                + "\"geoQ\":{\"georel\":\"within\",\"geometry\":\"Polygon\",\"coordinates\":\"" + ring + "\",\"geoproperty\":\"https://uri.etsi.org/ngsi-ld/location\"},"
                + "\"notification\":{\"format\":\"normalized\",\"endpoint\":{\"uri\":\"http://203.0.113.7/n\",\"accept\":\"application/json\"}},"
                + "\"contextUrls\":[],\"isActive\":true}";
    }
}
