package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole server on PostgreSQL with PostGIS at 127.0.0.1:5432: the same API, the same answers. */
class PostgresServerTest {
    @RegisterExtension
    final FreshPostgresDatabase database = new FreshPostgresDatabase();

    @Test
    void servesTheNgsiLdApiFromPostgres(@TempDir Path dir) throws Exception {
        ServerConfig config = ServerConfig.embedded(dir, TestServer.freePort(), -1).withAdminToken(TestServer.ADMIN)
                .withPostgres(database.url(), "postgres", null);
        try (TestServer server = new TestServer(config)) {
            assertThat(server.city.storage().describe()).startsWith("postgres");
            for (int i = 0; i < 5; i++) {
                assertThat(server.post("/ngsi-ld/v1/entities", TestServer.station("urn:ngsi-ld:AirQualityObserved:pg" + i, 20 * i, 105.85 + i * 0.002, 21.03)).statusCode()).isEqualTo(201);
            }
            JsonNode high = TestServer.json(server.get("/ngsi-ld/v1/entities?type=AirQualityObserved&q=pm25%3E30"));
            assertThat(high).extracting(n -> n.get("id").asText()).containsExactlyInAnyOrder(
                    "urn:ngsi-ld:AirQualityObserved:pg2", "urn:ngsi-ld:AirQualityObserved:pg3", "urn:ngsi-ld:AirQualityObserved:pg4");
            JsonNode near = TestServer.json(server.get("/ngsi-ld/v1/entities?type=AirQualityObserved&georel=near;maxDistance==300&geometry=Point&coordinates=%5B105.85,21.03%5D"));
            assertThat(near).hasSize(2);
            server.patch("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:pg0/attrs", "{\"pm25\":{\"type\":\"Property\",\"value\":55,\"observedAt\":\"2026-11-25T09:00:00Z\"}}");
            JsonNode aggregated = TestServer.json(server.get("/ngsi-ld/v1/temporal/entities/urn:ngsi-ld:AirQualityObserved:pg0?attrs=pm25&options=aggregatedValues&aggrMethods=max,totalCount"));
            assertThat(aggregated.at("/pm25/max/0/0").asDouble()).isEqualTo(55);
            assertThat(aggregated.at("/pm25/totalCount/0/0").asInt()).isEqualTo(2);
        }
    }
}
