package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.freshType;
import static io.city4d.server.EntityApiTest.prop;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An entity map is a resource (clause 5.14): it outlives a restart, with its entities and expiry, in its tenant. */
class EntityMapRestartTest {
    @Test
    void aMapIsServedAfterARestart(@TempDir Path dir) {
        String type = freshType();
        String location;
        JsonNode map;
        try (TestServer first = new TestServer(TestServer.config(dir))) {
            Api api = first.api().tenant("east");
            assertThat(api.post(NGSI + "/entities", entity("urn:ngsi-ld:" + type + ":1", type, prop("speed", 1))).status()).isEqualTo(201);
            var created = api.get(NGSI + "/entityMaps?type=" + type);
            assertThat(created.status()).isEqualTo(201);
            location = created.header("NGSILD-EntityMap").orElseThrow();
            map = created.json();
        }
        try (TestServer second = new TestServer(TestServer.config(dir))) {
            assertThat(second.api().tenant("east").get(location).json()).isEqualTo(map);
            assertThat(second.api().get(location).status()).as("in its tenant only").isEqualTo(404);
        }
    }
}
