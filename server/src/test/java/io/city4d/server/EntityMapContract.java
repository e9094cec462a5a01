package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.freshType;
import static io.city4d.server.EntityApiTest.ids;
import static io.city4d.server.EntityApiTest.prop;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Entity maps (clause 5.14 and 5.5.14 of v1.9.1) through HTTP, on whichever store the subclass runs. */
abstract class EntityMapContract {
    abstract Api api();

    private String type;
    private final List<String> vehicles = new ArrayList<>();

    /** Five vehicles of a fresh type, with speeds 0 to 80 (called by each test: a subclass may start its server before each). */
    private void createVehicles() {
        type = freshType();
        for (int i = 0; i < 5; i++) vehicles.add(create(i));
    }

    private String create(int i) {
        String id = "urn:ngsi-ld:" + type + ":" + i;
        assertThat(api().post(NGSI + "/entities", entity(id, type, prop("speed", i * 20))).status()).isEqualTo(201);
        return id;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String mapPath(Api.Response response) {
        String location = response.header("NGSILD-EntityMap").orElseThrow();
        assertThat(location).startsWith(NGSI + "/entityMaps/urn:ngsi-ld:EntityMap:");
        return location;
    }

    @Test
    void aMapHoldsWhatItsQuerySelectedAndIsRetrievedUpdatedAndDeletedInItsTenant() {
        createVehicles();
        var created = api().get(NGSI + "/entityMaps?type=" + type + "&q=" + enc("speed>30") + "&entityMapLifetime=P3650D");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String location = mapPath(created);
        JsonNode map = created.json();
        assertThat(map.get("type").asText()).isEqualTo("EntityMap");
        assertThat(map.get("id").asText()).isEqualTo(location.substring(location.lastIndexOf('/') + 1));
        List<String> mapped = new ArrayList<>();
        map.get("entityMap").fieldNames().forEachRemaining(mapped::add);
        assertThat(mapped).containsExactly(vehicles.get(2), vehicles.get(3), vehicles.get(4));
        assertThat(map.at("/entityMap/" + vehicles.get(2).replace("/", "~1") + "/0").asText()).isEqualTo("@none");
        Instant expiresAt = Instant.parse(map.get("expiresAt").asText());
        assertThat(expiresAt).as("a lifetime of ten years is bounded").isBefore(Instant.now().plus(Duration.ofHours(25)));

        assertThat(api().get(location).json()).isEqualTo(map);
        assertThat(api().tenant("other" + UUID.randomUUID().toString().substring(0, 8)).get(location).status()).isEqualTo(404);

        var patched = api().patch(location, "{\"expiresAt\":\"2099-01-01T00:00:00Z\",\"entityMap\":{\"urn:ngsi-ld:X:injected\":[\"@none\"]}}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(204);
        JsonNode after = api().get(location).json();
        assertThat(after.get("entityMap")).as("the map is the broker's").isEqualTo(map.get("entityMap"));
        assertThat(Instant.parse(after.get("expiresAt").asText())).isBefore(Instant.parse("2099-01-01T00:00:00Z"));
        assertThat(api().patch(location, "{\"expiresAt\":\"tomorrow\"}").status()).isEqualTo(400);

        assertThat(api().delete(location).status()).isEqualTo(204);
        assertThat(api().get(location).problemType()).isEqualTo("ResourceNotFound");
        assertThat(api().delete(location).problemType()).isEqualTo("ResourceNotFound");
        assertThat(api().patch(location, "{\"expiresAt\":\"2099-01-01T00:00:00Z\"}").problemType()).isEqualTo("ResourceNotFound");
    }

    @Test
    void badRequestsMakeNoMap() {
        createVehicles();
        assertThat(api().get(NGSI + "/entityMaps?id=" + vehicles.get(0)).problemType()).as("too wide").isEqualTo("BadRequestData");
        assertThat(api().get(NGSI + "/entityMaps?type=" + type + "&entityMapLifetime=1hour").problemType()).isEqualTo("BadRequestData");
        assertThat(api().get(NGSI + "/entityMaps?type=" + type + "&entityMapLifetime=-PT1H").problemType()).isEqualTo("BadRequestData");
        assertThat(api().get(NGSI + "/entityMaps/not%20a%20uri").problemType()).isEqualTo("BadRequestData");
        assertThat(api().delete(NGSI + "/entityMaps/not%20a%20uri").problemType()).isEqualTo("BadRequestData");
        assertThat(api().get(NGSI + "/entityMaps/urn:ngsi-ld:EntityMap:none").problemType()).isEqualTo("ResourceNotFound");
        assertThat(api().get(NGSI + "/entities?type=" + type + "&entityMap=maybe").problemType()).isEqualTo("BadRequestData");
    }

    @Test
    void aQueryOverAMapPagesOverItsSelectionWithoutLaterEntitiesAndWithoutDeletedOnes() {
        createVehicles();
        var first = api().get(NGSI + "/entities?type=" + type + "&entityMap=true&limit=2");
        assertThat(first.status()).as("a map was created").isEqualTo(201);
        assertThat(ids(first.json())).containsExactly(vehicles.get(0), vehicles.get(1));
        String location = mapPath(first);
        Api mapped = api().with("NGSILD-EntityMap", location);

        create(9);
        assertThat(api().delete(NGSI + "/entities/" + vehicles.get(1)).status()).isEqualTo(204);
        var page = mapped.get(NGSI + "/entities?type=" + type + "&limit=3&count=true");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("NGSILD-EntityMap")).contains(location);
        assertThat(ids(page.json())).containsExactly(vehicles.get(0), vehicles.get(2), vehicles.get(3));
        assertThat(page.header("NGSILD-Results-Count")).as("the deleted entity and the later one are not counted").contains("4");
        assertThat(page.header("Link").orElseThrow()).contains("offset=3").doesNotContain(vehicles.get(0));
        assertThat(api().get(location).json().get("entityMap").has(vehicles.get(1))).as("pruned").isFalse();
        assertThat(ids(mapped.get(NGSI + "/entities?type=" + type + "&limit=3&offset=3").json())).containsExactly(vehicles.get(4));
    }

    @Test
    void aRetrievalNamesAMapOfTheEntityOrTheLiveMapItWasGiven() {
        createVehicles();
        var got = api().get(NGSI + "/entities/" + vehicles.get(0) + "?entityMap=true");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().has("entityMap")).isFalse();
        String location = mapPath(got);
        assertThat(api().get(location).json().get("entityMap").has(vehicles.get(0))).isTrue();
        assertThat(api().with("NGSILD-EntityMap", location).get(NGSI + "/entities/" + vehicles.get(0)).header("NGSILD-EntityMap")).contains(location);
        String dead = NGSI + "/entityMaps/urn:ngsi-ld:EntityMap:dead";
        String fresh = api().with("NGSILD-EntityMap", dead).get(NGSI + "/entities/" + vehicles.get(0)).header("NGSILD-EntityMap").orElseThrow();
        assertThat(fresh).isNotEqualTo(dead);
        assertThat(api().get(fresh).status()).isEqualTo(200);
        assertThat(api().get(NGSI + "/entities/" + vehicles.get(0)).header("NGSILD-EntityMap")).as("no map unless asked").isEmpty();
    }
}
