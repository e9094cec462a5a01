package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.freshType;
import static io.city4d.server.EntityApiTest.ids;
import static io.city4d.server.EntityApiTest.prop;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** NGSILD-Tenant: tenants are created by their first write, isolate everything, and unknown ones are 404 NonexistentTenant (clause 5.5.10). */
class TenantTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    static String freshTenant() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void tenantsIsolateEntitiesTypesHistoryAndSubscriptions() {
        String type = freshType();
        String id = "urn:ngsi-ld:" + type + ":shared-id";
        Api a = running.api.tenant(freshTenant());
        Api b = running.api.tenant(freshTenant());
        assertThat(a.post(NGSI + "/entities", entity(id, type, prop("v", 1))).status()).isEqualTo(201);
        assertThat(b.post(NGSI + "/entities", entity(id, type, prop("v", 2))).status()).as("the same id in another tenant").isEqualTo(201);
        assertThat(running.api.get(NGSI + "/entities/" + id).status()).isEqualTo(404);
        assertThat(a.get(NGSI + "/entities/" + id).json().at("/v/value").asInt()).isEqualTo(1);
        assertThat(b.get(NGSI + "/entities/" + id).json().at("/v/value").asInt()).isEqualTo(2);
        assertThat(running.api.get(NGSI + "/entities?type=" + type).json()).isEmpty();
        assertThat(ids(a.get(NGSI + "/entities?type=" + type).json())).containsExactly(id);

        assertThat(running.api.get(NGSI + "/types").json().get("typeList").toString()).doesNotContain(type);
        assertThat(a.get(NGSI + "/types").json().get("typeList").toString()).contains(type);
        assertThat(a.get(NGSI + "/types/" + type).json().get("entityCount").asInt()).isEqualTo(1);

        a.patch(NGSI + "/entities/" + id + "/attrs", "{" + prop("v", 3) + "}");
        assertThat(a.get(NGSI + "/temporal/entities/" + id + "?attrs=v").json().get("v")).hasSize(2);
        assertThat(b.get(NGSI + "/temporal/entities/" + id + "?attrs=v").json().get("v")).hasSize(1);

        assertThat(a.post(NGSI + "/entityOperations/delete", "[\"" + id + "\"]").status()).isEqualTo(204);
        assertThat(b.get(NGSI + "/entities/" + id).status()).as("a batch in one tenant leaves the other alone").isEqualTo(200);

        String sub = "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"" + type + "\"}],\"notification\":{\"endpoint\":{\"uri\":\"http://127.0.0.1:9/n\"}}}";
        var created = a.post(NGSI + "/subscriptions", sub);
        assertThat(created.status()).isEqualTo(201);
        String path = created.header("Location").orElseThrow();
        assertThat(a.get(path).status()).isEqualTo(200);
        assertThat(b.get(path).status()).isEqualTo(404);
        assertThat(b.get(NGSI + "/subscriptions").json()).isEmpty();
        assertThat(b.delete(path).status()).isEqualTo(404);
    }

    @Test
    void anUnknownTenantIsNonexistentUntilItsFirstWrite() {
        String name = freshTenant();
        Api t = running.api.tenant(name);
        for (String path : List.of("/entities?type=Building", "/entities/urn:ngsi-ld:Building:1", "/types", "/attributes", "/subscriptions",
                "/temporal/entities?type=Building", "/temporal/entities/urn:ngsi-ld:Building:1")) {
            var r = t.get(NGSI + path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.problemType()).as(path).isEqualTo("NonexistentTenant");
            assertThat(r.header("NGSILD-Tenant")).as("the tenant is named in the answer, errors included").hasValue(name);
        }
        assertThat(t.patch(NGSI + "/entities/urn:ngsi-ld:Building:1/attrs", "{" + prop("v", 1) + "}").problemType()).isEqualTo("NonexistentTenant");
        assertThat(t.post(NGSI + "/entityOperations/delete", "[\"urn:ngsi-ld:Building:1\"]").problemType()).isEqualTo("NonexistentTenant");
        assertThat(t.post(NGSI + "/entityOperations/query", "{\"type\":\"Query\",\"entities\":[{\"type\":\"Building\"}]}").problemType())
                .isEqualTo("NonexistentTenant");

        var created = t.post(NGSI + "/entities", entity("urn:ngsi-ld:Building:1", "Building", ""));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("NGSILD-Tenant")).hasValue(name);
        var now = t.get(NGSI + "/entities?type=Building");
        assertThat(now.status()).isEqualTo(200);
        assertThat(ids(now.json())).containsExactly("urn:ngsi-ld:Building:1");
        assertThat(t.get(NGSI + "/types").status()).isEqualTo(200);

        assertThat(t.delete(NGSI + "/entities/urn:ngsi-ld:Building:1").status()).isEqualTo(204);
        assertThat(t.get(NGSI + "/entities?type=Building").status()).as("a tenant outlives its last entity").isEqualTo(200);
        assertThat(running.api.get(NGSI + "/entities?type=Building").status()).as("the default tenant always exists").isEqualTo(200);
    }

    @Test
    void batchesAndSubscriptionsAlsoCreateTenants() {
        Api batch = running.api.tenant(freshTenant());
        assertThat(batch.post(NGSI + "/entityOperations/upsert", "[" + entity("urn:ngsi-ld:X:1", "X", "") + "]").status()).isEqualTo(201);
        assertThat(batch.get(NGSI + "/types").status()).isEqualTo(200);
        Api subs = running.api.tenant(freshTenant());
        assertThat(subs.post(NGSI + "/subscriptions", "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"X\"}],"
                + "\"notification\":{\"endpoint\":{\"uri\":\"http://127.0.0.1:9/n\"}}}").status()).isEqualTo(201);
        assertThat(subs.get(NGSI + "/subscriptions").json()).hasSize(1);
        Api failed = running.api.tenant(freshTenant());
        assertThat(failed.post(NGSI + "/entities", "{\"id\":\"bad id\",\"type\":\"X\"}").status()).isEqualTo(400);
        assertThat(failed.get(NGSI + "/types").problemType()).as("a refused write creates no tenant").isEqualTo("NonexistentTenant");
    }

    @Test
    void tenantsAreKnownAgainAfterARestart(@TempDir Path own) {
        String name = freshTenant();
        try (TestServer first = new TestServer(own)) {
            Api t = first.api().tenant(name);
            assertThat(t.post(NGSI + "/entities", entity("urn:ngsi-ld:X:1", "X", "")).status()).isEqualTo(201);
            assertThat(t.delete(NGSI + "/entities/urn:ngsi-ld:X:1").status()).isEqualTo(204);
        }
        try (TestServer second = new TestServer(own)) {
            assertThat(second.api().tenant(name).get(NGSI + "/entities?type=X").status()).isEqualTo(200);
        }
    }

    @Test
    void invalidTenantNamesAreRefused() {
        for (String bad : List.of("bad tenant", "a/b", "x".repeat(65), "semi;colon")) {
            var r = running.api.with("NGSILD-Tenant", bad).get(NGSI + "/types");
            assertThat(r.status()).as(bad).isEqualTo(400);
        }
    }
}
