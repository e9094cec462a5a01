package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.prop;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An admin limited to one tenant administers that tenant only: every way an attacker holding such a credential
 * might reach wider (other tenants, every tenant, the bootstrap admin, other tenants' devices), tried through HTTP.
 */
class AdminTenantIsolationTest {
    private static final String CREDENTIALS = "/admin/v1/credentials";
    private static final String DEVICES = "/admin/v1/devices";
    private static final String EAST_ENTITY = "urn:ngsi-ld:Iso:east";
    private static final String WEST_ENTITY = "urn:ngsi-ld:Iso:west";

    @RegisterExtension
    static final RunningServer running = new RunningServer();
    static Api root;
    static Api eastAdmin;
    static String westReaderId;
    static String westReaderToken;
    static String westDeviceKey;

    @BeforeAll
    static void tenants() {
        root = running.api;
        assertThat(root.tenant("east").post(NGSI + "/entities", entity(EAST_ENTITY, "Iso", prop("v", 1))).status()).isEqualTo(201);
        assertThat(root.tenant("west").post(NGSI + "/entities", entity(WEST_ENTITY, "Iso", prop("v", 2))).status()).isEqualTo(201);
        eastAdmin = root.token(issued(root, "{\"role\":\"admin\",\"name\":\"east admin\",\"tenant\":\"east\"}").get("token").asText());
        JsonNode westReader = issued(root, "{\"role\":\"reader\",\"name\":\"west reader\",\"tenant\":\"west\"}");
        westReaderId = westReader.get("id").asText();
        westReaderToken = westReader.get("token").asText();
        var device = root.tenant("west").post(DEVICES, "{\"id\":\"gauge-1\",\"entityId\":\"urn:ngsi-ld:Iso:gauge-1\",\"profile\":\"air-quality\"}");
        assertThat(device.status()).isEqualTo(201);
        westDeviceKey = device.json().get("apiKey").asText();
    }

    static JsonNode issued(Api by, String body) {
        var r = by.post(CREDENTIALS, body);
        assertThat(r.status()).as(body + " -> " + r).isEqualTo(201);
        return r.json();
    }

    /** The metrics count every tenant together, so they are not for a credential limited to one. */
    @Test
    void onlyCredentialsOfEveryTenantReadTheMetrics() {
        assertThat(root.get("/metrics").status()).isEqualTo(200);
        var limited = eastAdmin.get("/metrics");
        assertThat(limited.status()).isEqualTo(403);
        assertThat(limited.json().get("detail").asText()).contains("every tenant");
    }

    @Test
    void aCredentialWithoutATenantIssuedByALimitedAdminIsLimitedToItsTenant() {
        JsonNode issued = issued(eastAdmin, "{\"role\":\"admin\",\"name\":\"second east admin\"}");
        assertThat(issued.get("tenant").asText()).isEqualTo("east");
        Api second = root.token(issued.get("token").asText());
        assertThat(second.tenant("east").get(NGSI + "/entities/" + EAST_ENTITY).status()).isEqualTo(200);
        assertThat(second.tenant("west").get(NGSI + "/entities/" + WEST_ENTITY).status()).isEqualTo(403);
        assertThat(second.get(NGSI + "/entities/" + WEST_ENTITY).status()).as("nor the default tenant").isEqualTo(403);
    }

    @Test
    void aLimitedAdminCannotIssueACredentialWiderThanItsTenant() {
        List<String> outsideEast = outsideEast();
        for (String tenant : List.of("null", "\"west\"", "\"\"", "\"East\"", "\"EAST\"")) {
            var r = eastAdmin.post(CREDENTIALS, "{\"role\":\"reader\",\"tenant\":" + tenant + "}");
            assertThat(r.status()).as("tenant " + tenant + ": " + r).isEqualTo(403);
            assertThat(r.problemType()).isEqualTo("forbidden");
        }
        for (String tenant : List.of("\" east\"", "\"east \"", "\"east\\u0000\"", "5", "[\"east\"]", "{\"name\":\"east\"}", "true", "\"*\"", "\"east,west\"")) {
            var r = eastAdmin.post(CREDENTIALS, "{\"role\":\"reader\",\"tenant\":" + tenant + "}");
            assertThat(r.status()).as("tenant " + tenant + ": " + r).isEqualTo(400);
        }
        assertThat(eastAdmin.tenant("west").post(CREDENTIALS, "{\"role\":\"reader\",\"tenant\":\"east\"}").status())
                .as("a tenant header it may not use").isEqualTo(403);
        assertThat(eastAdmin.post(CREDENTIALS, "{\"role\":\"admin\",\"tenant\":\"east\"}").status()).as("its own tenant and role").isEqualTo(201);
        assertThat(outsideEast()).as("nothing wider was issued").isEqualTo(outsideEast);
    }

    /** The ids of the credentials that are not limited to tenant east. */
    private static List<String> outsideEast() {
        List<String> ids = new ArrayList<>();
        root.get(CREDENTIALS).json().forEach(c -> {
            if (!"east".equals(c.path("tenant").asText(null))) ids.add(c.get("id").asText());
        });
        return ids;
    }

    @Test
    void theRoleIssuedMustBeOneOfTheAdministeredRolesNeverADeviceCredential() {
        for (String role : List.of("\"device\"", "\"superuser\"", "\"\"", "null", "1", "[\"admin\"]")) {
            var r = eastAdmin.post(CREDENTIALS, "{\"role\":" + role + "}");
            assertThat(r.status()).as("role " + role + ": " + r).isEqualTo(400);
        }
        var deviceRole = root.post(CREDENTIALS, "{\"role\":\"device\",\"deviceId\":\"gauge-1\",\"tenant\":\"west\"}");
        assertThat(deviceRole.status()).as("device keys come from registering the device").isEqualTo(400);
        assertThat(deviceRole.json().get("detail").asText()).contains(DEVICES);
        for (String role : List.of("operator", "analyst", "reader")) {
            Api limited = root.token(issued(eastAdmin, "{\"role\":\"" + role + "\"}").get("token").asText());
            assertThat(limited.post(CREDENTIALS, "{\"role\":\"reader\"}").status()).as(role + " issues nothing").isEqualTo(403);
            assertThat(limited.get(CREDENTIALS).status()).isEqualTo(403);
        }
        Api device = root.token(westDeviceKey);
        assertThat(device.tenant("west").post(CREDENTIALS, "{\"role\":\"reader\",\"tenant\":\"west\"}").status()).isEqualTo(403);
        assertThat(device.tenant("west").get(DEVICES).status()).isEqualTo(403);
    }

    @Test
    void aLimitedAdminListsOnlyTheCredentialsOfItsTenant() {
        JsonNode listed = eastAdmin.get(CREDENTIALS).json();
        assertThat(listed).isNotEmpty();
        List<String> names = new ArrayList<>();
        listed.forEach(c -> {
            assertThat(c.path("tenant").asText(null)).as(c.toString()).isEqualTo("east");
            assertThat(c.has("token") || c.has("secretHash")).isFalse();
            names.add(c.get("name").asText());
        });
        assertThat(names).contains("east admin").doesNotContain("west reader", "admin (CITY4D_ADMIN_TOKEN)");
        assertThat(eastAdmin.tenant("west").get(CREDENTIALS).status()).isEqualTo(403);
        assertThat(root.get(CREDENTIALS).json().findValuesAsText("name")).as("the bootstrap admin sees all")
                .contains("east admin", "west reader", "admin (CITY4D_ADMIN_TOKEN)");
    }

    @Test
    void aLimitedAdminCannotDeleteCredentialsOutsideItsTenant() {
        String bootstrap = idNamed("admin (CITY4D_ADMIN_TOKEN)");
        String unrestrictedReader = issued(root, "{\"role\":\"reader\",\"name\":\"city reader\"}").get("id").asText();
        for (String id : List.of(westReaderId, bootstrap, unrestrictedReader)) {
            assertThat(eastAdmin.delete(CREDENTIALS + "/" + id).status()).as(id).isEqualTo(404);
            assertThat(eastAdmin.tenant("west").delete(CREDENTIALS + "/" + id).status()).isEqualTo(403);
        }
        assertThat(root.token(westReaderToken).tenant("west").get(NGSI + "/entities/" + WEST_ENTITY).status()).as("still valid").isEqualTo(200);
        assertThat(root.get(NGSI + "/types").status()).isEqualTo(200);
        assertThat(root.get(CREDENTIALS).json().findValuesAsText("id")).contains(westReaderId, bootstrap, unrestrictedReader);
    }

    @Test
    void aCredentialMayRevokeItselfAndIsThenRefused() {
        JsonNode self = issued(eastAdmin, "{\"role\":\"admin\",\"name\":\"short-lived\"}");
        Api shortLived = root.token(self.get("token").asText());
        assertThat(shortLived.delete(CREDENTIALS + "/" + self.get("id").asText()).status()).isEqualTo(204);
        assertThat(shortLived.get(CREDENTIALS).status()).isEqualTo(401);
        assertThat(shortLived.tenant("east").get(NGSI + "/entities/" + EAST_ENTITY).status()).isEqualTo(401);
    }

    @Test
    void theLastAdminOfEveryTenantCannotBeDeleted() {
        String bootstrap = idNamed("admin (CITY4D_ADMIN_TOKEN)");
        var refused = root.delete(CREDENTIALS + "/" + bootstrap);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("detail").asText()).contains("last");
        JsonNode spare = issued(root, "{\"role\":\"admin\",\"name\":\"spare city admin\"}");
        Api spareAdmin = root.token(spare.get("token").asText());
        assertThat(spareAdmin.delete(CREDENTIALS + "/" + spare.get("id").asText()).status()).as("one of two may go").isEqualTo(204);
        assertThat(root.get(NGSI + "/types").status()).isEqualTo(200);
    }

    @Test
    void aLimitedAdminAdministersTheDevicesOfItsTenantOnly() {
        String gauge = "{\"id\":\"gauge-2\",\"entityId\":\"urn:ngsi-ld:Iso:gauge-2\",\"profile\":\"air-quality\"}";
        assertThat(eastAdmin.tenant("west").post(DEVICES, gauge).status()).isEqualTo(403);
        assertThat(eastAdmin.post(DEVICES, gauge).status()).as("the default tenant").isEqualTo(403);
        String withWestBody = "{\"id\":\"gauge-3\",\"tenant\":\"west\",\"entityId\":\"urn:ngsi-ld:Iso:gauge-3\",\"profile\":\"air-quality\"}";
        var bodyTenant = eastAdmin.tenant("east").post(DEVICES, withWestBody);
        assertThat(bodyTenant.status()).as(bodyTenant.toString()).isIn(400, 403);
        assertThat(root.tenant("west").get(DEVICES).json().findValuesAsText("id")).containsExactly("gauge-1");
        assertThat(root.tenant("east").get(DEVICES).json().findValuesAsText("id")).doesNotContain("gauge-3");

        assertThat(eastAdmin.tenant("west").get(DEVICES).status()).isEqualTo(403);
        assertThat(eastAdmin.get(DEVICES).status()).isEqualTo(403);
        assertThat(eastAdmin.tenant("west").delete(DEVICES + "/gauge-1").status()).isEqualTo(403);
        assertThat(eastAdmin.tenant("east").delete(DEVICES + "/gauge-1").status()).isEqualTo(404);
        assertThat(root.token(westDeviceKey).tenant("west").post("/ingest/v1/devices/gauge-1", "{\"pm25\": 3}").status()).as("its key still works").isEqualTo(204);

        var east = eastAdmin.tenant("east").post(DEVICES, gauge);
        assertThat(east.status()).isEqualTo(201);
        assertThat(east.json().get("tenant").asText()).isEqualTo("east");
        Api eastDevice = root.token(east.json().get("apiKey").asText());
        assertThat(eastDevice.tenant("east").post("/ingest/v1/devices/gauge-2", "{\"pm25\": 4}").status()).isEqualTo(204);
        assertThat(eastDevice.tenant("west").post("/ingest/v1/devices/gauge-2", "{\"pm25\": 4}").status()).isEqualTo(403);
        assertThat(eastDevice.tenant("west").post("/ingest/v1/devices/gauge-1", "{\"pm25\": 4}").status()).isEqualTo(403);
        assertThat(eastAdmin.tenant("east").get(DEVICES).json().findValuesAsText("id")).containsExactly("gauge-2");
        assertThat(eastAdmin.tenant("east").delete(DEVICES + "/gauge-2").status()).isEqualTo(204);
        assertThat(eastDevice.tenant("east").post("/ingest/v1/devices/gauge-2", "{\"pm25\": 5}").status()).as("its key went with it").isEqualTo(401);
    }

    private static String idNamed(String name) {
        for (JsonNode c : root.get(CREDENTIALS).json()) {
            if (c.get("name").asText().equals(name)) return c.get("id").asText();
        }
        throw new AssertionError("no credential named " + name);
    }
}
