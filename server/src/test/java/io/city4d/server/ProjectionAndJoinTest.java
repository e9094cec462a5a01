package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.Api.enc;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.prop;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pick and omit (NGSI-LD clause 4.21) and linked entity retrieval with join and joinLevel (clause 4.5.23), on both
 * stores, with the spec's building, city and country chain.
 */
class ProjectionAndJoinTest {
    private static final String BUILDING = "urn:ngsi-ld:Building:b1";
    private static final String CITY = "urn:ngsi-ld:City:Paris";
    private static final String COUNTRY = "urn:ngsi-ld:Country:France";

    @RegisterExtension
    final FreshPostgresDatabase database = new FreshPostgresDatabase();

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void pickAndOmitProjectEntityMembers(String store, @TempDir Path dir) {
        try (TestServer server = startWithChain(store, dir)) {
            Api api = server.api();
            assertThat(api.get(NGSI + "/entities/" + BUILDING + "?pick=name").json().toString())
                    .isEqualTo("{\"name\":{\"type\":\"Property\",\"value\":\"Eiffel Tower\"}}");
            assertThat(api.get(NGSI + "/entities/" + BUILDING + "?pick=id").json().toString()).isEqualTo("{\"id\":\"" + BUILDING + "\"}");
            assertThat(fieldNames(api.get(NGSI + "/entities/" + BUILDING + "?pick=" + enc("id|name")).json())).containsExactly("id", "name");
            assertThat(fieldNames(api.get(NGSI + "/entities/" + BUILDING + "?omit=type,name").json())).containsExactly("id", "height", "locatedAt");
            assertThat(fieldNames(api.get(NGSI + "/entities/" + BUILDING + "?omit=name&options=keyValues").json())).containsExactly("id", "type", "height", "locatedAt");

            // A query leaves out the entities that pick leaves empty: only the building and the city have a name.
            JsonNode names = api.get(NGSI + "/entities?type=Building,City,Country&pick=name").json();
            assertThat(names).hasSize(2).allSatisfy(e -> assertThat(fieldNames(e)).containsExactly("name"));

            Api.Response empty = api.get(NGSI + "/entities/" + BUILDING + "?pick=unknown");
            assertThat(empty.status()).isEqualTo(404);
            assertThat(empty.problemType()).isEqualTo("ResourceNotFound");
            for (String bad : List.of("pick=name&omit=name", "pick=name&attrs=name", "omit=name&attrs=height", "pick=" + enc("id;name"),
                    "pick=" + enc("id,locatedAt{name"), "pick=" + enc("id,locatedAt{{name}"), "pick=id,,name", "pick=" + enc("id||name"),
                    "pick=" + enc("locatedAt{,name}"), "pick=" + enc("locatedAt{}"), "pick=", "pick=" + enc("locatedAt{name}"),
                    "join=sideways", "join=inline&pick=" + enc("locatedAt{isInCountry{name}}"), "join=flat&joinLevel=2&omit=" + enc("locatedAt{a{b{c}}}"), "join=inline&joinLevel=0", "join=flat&joinLevel=99")) {
                Api.Response refused = api.get(NGSI + "/entities/" + BUILDING + "?" + bad);
                assertThat(refused.status()).as(bad).isEqualTo(400);
                assertThat(refused.problemType()).as(bad).isEqualTo("BadRequestData");
                assertThat(api.get(NGSI + "/entities?type=Building&" + bad).status()).as(bad).isEqualTo(400);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void localQueriesMaySelectEverythingAndRetrievalNeedsAnAttributeAskedFor(String store, @TempDir Path dir) {
        try (TestServer server = startWithChain(store, dir)) {
            Api api = server.api();
            assertThat(api.get(NGSI + "/entities?local=true").json()).extracting(e -> e.get("id").asText()).containsExactly(BUILDING, CITY, COUNTRY);
            assertThat(api.get(NGSI + "/entities?type=*").json()).hasSize(3);
            assertThat(api.get(NGSI + "/entities?type=*&local=false").status()).isEqualTo(400);
            assertThat(api.get(NGSI + "/entities?local=maybe").status()).isEqualTo(400);
            Api.Response idsAlone = api.get(NGSI + "/entities?id=" + BUILDING + "," + CITY);
            assertThat(idsAlone.status()).as("ids alone do not make a query (clause 5.7.2.4)").isEqualTo(400);
            assertThat(idsAlone.problemType()).isEqualTo("BadRequestData");
            assertThat(api.get(NGSI + "/entities?local=true&id=" + BUILDING + "," + CITY).json()).hasSize(2);

            assertThat(api.get(NGSI + "/types/" + enc("https://uri.etsi.org/ngsi-ld/default-context/Building")).json().get("typeName").asText())
                    .as("a type named by its IRI").isEqualTo("Building");
            assertThat(api.get(NGSI + "/attributes/" + enc("https://uri.etsi.org/ngsi-ld/default-context/height")).json().get("attributeName").asText())
                    .isEqualTo("height");
            assertThat(api.get(NGSI + "/entities/" + BUILDING + "?attrs=height,unknown").json().has("height")).isTrue();
            Api.Response none = api.get(NGSI + "/entities/" + BUILDING + "?attrs=unknown");
            assertThat(none.status()).isEqualTo(404);
            assertThat(none.problemType()).isEqualTo("ResourceNotFound");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void joinPutsLinkedEntitiesInlineOrFlat(String store, @TempDir Path dir) {
        try (TestServer server = startWithChain(store, dir)) {
            Api api = server.api();
            JsonNode inline = api.get(NGSI + "/entities/" + BUILDING + "?join=inline&joinLevel=2").json();
            assertThat(inline.at("/locatedAt/object").asText()).isEqualTo(CITY);
            assertThat(inline.at("/locatedAt/entity/name/value").asText()).isEqualTo("Paris");
            assertThat(inline.at("/locatedAt/entity/isInCountry/entity/id").asText()).isEqualTo(COUNTRY);
            assertThat(api.get(NGSI + "/entities/" + BUILDING + "?join=inline").json().at("/locatedAt/entity/isInCountry/entity").isMissingNode())
                    .as("joinLevel is 1 by default").isTrue();

            JsonNode simplified = api.get(NGSI + "/entities/" + BUILDING + "?join=inline&options=keyValues").json();
            assertThat(simplified.at("/locatedAt/id").asText()).isEqualTo(CITY);
            assertThat(simplified.at("/locatedAt/name").asText()).isEqualTo("Paris");

            JsonNode flat = api.get(NGSI + "/entities/" + BUILDING + "?join=flat&joinLevel=2&options=sysAttrs").json();
            assertThat(flat).extracting(e -> e.get("id").asText()).containsExactly(BUILDING, CITY, COUNTRY);
            assertThat(flat).allSatisfy(e -> assertThat(e.has("createdAt")).isTrue());

            JsonNode picked = api.get(NGSI + "/entities/" + BUILDING + "?join=inline&joinLevel=2&pick="
                    + enc("id,locatedAt{id,name,isInCountry{id,population}}")).json();
            assertThat(picked.toString()).isEqualTo("{\"id\":\"" + BUILDING + "\",\"locatedAt\":{\"type\":\"Relationship\",\"object\":\"" + CITY
                    + "\",\"entity\":{\"id\":\"" + CITY + "\",\"name\":{\"type\":\"Property\",\"value\":\"Paris\"},\"isInCountry\":{\"type\":\"Relationship\",\"object\":\""
                    + COUNTRY + "\",\"entity\":{\"id\":\"" + COUNTRY + "\",\"population\":{\"type\":\"Property\",\"value\":68}}}}}}");
            JsonNode omitted = api.get(NGSI + "/entities/" + BUILDING + "?join=flat&omit=" + enc("type,locatedAt{name}")).json();
            assertThat(fieldNames(omitted.get(0))).containsExactly("id", "name", "height", "locatedAt");
            assertThat(fieldNames(omitted.get(1))).containsExactly("id", "type", "isInCountry");

            // A query lists each linked entity once, after the entities found, also when two buildings share a city.
            api.post(NGSI + "/entities", entity("urn:ngsi-ld:Building:b2", "Building", rel("locatedAt", CITY)));
            JsonNode query = api.get(NGSI + "/entities?type=Building&join=flat").json();
            assertThat(query).extracting(e -> e.get("id").asText()).containsExactly(BUILDING, "urn:ngsi-ld:Building:b2", CITY);

            // A relationship to an entity that does not exist is left as it is.
            api.post(NGSI + "/entities", entity("urn:ngsi-ld:Building:b3", "Building", rel("locatedAt", "urn:ngsi-ld:City:Atlantis")));
            JsonNode dangling = api.get(NGSI + "/entities/urn:ngsi-ld:Building:b3?join=flat").json();
            assertThat(dangling.isObject()).isTrue();
            assertThat(dangling.at("/locatedAt/entity").isMissingNode()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void theQueryBodyTakesPickOmitAndJoinAndIsChecked(String store, @TempDir Path dir) {
        try (TestServer server = startWithChain(store, dir)) {
            Api api = server.api();
            String query = NGSI + "/entityOperations/query";
            JsonNode picked = api.post(query, "{\"type\":\"Query\",\"entities\":[{\"type\":\"Building\"}],\"pick\":[\"id\",\"locatedAt{name}\"],\"join\":\"inline\"}").json();
            assertThat(picked.toString()).isEqualTo("[{\"id\":\"" + BUILDING + "\",\"locatedAt\":{\"type\":\"Relationship\",\"object\":\"" + CITY
                    + "\",\"entity\":{\"name\":{\"type\":\"Property\",\"value\":\"Paris\"}}}}]");
            JsonNode omitted = api.post(query, "{\"type\":\"Query\",\"entities\":[{\"type\":\"Building\",\"id\":[\"" + BUILDING + "\"],\"idPattern\":\"^nothing$\"}],\"omit\":[\"name\"]}").json();
            assertThat(omitted).hasSize(1);
            assertThat(fieldNames(omitted.get(0))).as("id takes precedence over idPattern").containsExactly("id", "type", "height", "locatedAt");
            assertThat(api.accept("application/geo+json").post(query, "{\"type\":\"Query\",\"entities\":[{\"type\":\"City\"}]}").json().get("type").asText())
                    .isEqualTo("FeatureCollection");
            for (String bad : List.of("{\"type\":\"NotQuery\",\"entities\":[{\"type\":\"Building\"}]}", "{\"type\":\"Query\",\"entities\":[]}",
                    "{\"type\":\"Query\",\"entities\":[{\"type\":\"Building\"}],\"attrs\":[]}", "{\"type\":\"Query\",\"entities\":[{\"type\":\"Building\"}],\"q\":42}",
                    "{\"type\":\"Query\",\"entities\":[{\"type\":\"Building\"}],\"join\":\"inline\",\"joinLevel\":0}",
                    "{\"type\":\"Query\",\"entities\":[{\"type\":\"Building\"}],\"temporalQ\":{\"timerel\":\"after\",\"timeAt\":\"2020-01-01T00:00:00Z\"}}",
                    "{\"type\":\"Query\",\"entities\":[{\"id\":\"" + BUILDING + "\"}]}", "{\"type\":\"Query\",\"entities\":[{\"type\":\"Building\",\"id\":[\"" + BUILDING + "\",5]}]}",
                    "{\"type\":\"Query\",\"entities\":[{\"type\":\"Building\"}],\"geoQ\":{\"georel\":\"near;maxDistance==5\",\"geometry\":\"Point\",\"coordinates\":\"[1,2]\"}}",
                    "{\"type\":\"Query\",\"entities\":[{\"type\":\"Building\"}],\"pick\":[\"name\"],\"omit\":[\"name\"]}")) {
                Api.Response refused = api.post(query, bad);
                assertThat(refused.status()).as(bad).isEqualTo(400);
                assertThat(refused.problemType()).as(bad).isEqualTo("BadRequestData");
            }
        }
    }

    /** A server on the store with a building located in a city in a country. */
    private TestServer startWithChain(String store, Path dir) {
        ServerConfig config = TestServer.config(dir);
        TestServer server = new TestServer(store.equals("postgres") ? config.withPostgres(database.url(), FreshPostgresDatabase.USER, null) : config);
        Api api = server.api();
        assertThat(api.post(NGSI + "/entities", entity(COUNTRY, "Country", prop("population", 68))).status()).isEqualTo(201);
        assertThat(api.post(NGSI + "/entities", entity(CITY, "City", prop("name", "Paris") + "," + rel("isInCountry", COUNTRY))).status()).isEqualTo(201);
        assertThat(api.post(NGSI + "/entities", entity(BUILDING, "Building",
                prop("name", "Eiffel Tower") + "," + prop("height", 330) + "," + rel("locatedAt", CITY))).status()).isEqualTo(201);
        return server;
    }

    private static String rel(String name, String object) {
        return "\"" + name + "\":{\"type\":\"Relationship\",\"object\":\"" + object + "\"}";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
