package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.prop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * NGSI-LD pagination (clauses 4.12, 5.5.9): each page of /entities, /temporal/entities and /subscriptions links to the
 * previous and the next page with Link headers that keep every other parameter, so that following them walks a whole
 * result set, forwards and back. Whether a next page exists is learnt from the count when it is asked for and by
 * looking one entity ahead otherwise; both must give the same links.
 */
class PaginationTest {
    static final int N = 13;
    static final String TYPE = "Paged";
    static TestServer server;
    static Api api;
    static List<String> ids = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer(Files.createTempDirectory("city4d-pagination"));
        api = server.api();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < N; i++) {
            String id = "urn:ngsi-ld:" + TYPE + ":" + String.format("%02d", i);
            ids.add(id);
            batch.append(i == 0 ? "" : ",").append(entity(id, TYPE, prop("n", i)));
        }
        assertThat(api.post(NGSI + "/entityOperations/create", batch.append(']').toString()).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The pages met following one rel from a first URL: each page's ids, and the URL it was fetched from. */
    record Walk(List<List<String>> pages, List<String> urls) {
        List<String> ids() {
            return pages.stream().flatMap(List::stream).toList();
        }
    }

    static Walk walk(Api client, String first, String rel, int limit) {
        List<List<String>> pages = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        String url = first;
        while (url != null) {
            assertThat(urls).as("a walk never comes back to a page").doesNotContain(url);
            var page = client.get(url);
            assertThat(page.status()).as(url).isEqualTo(200);
            List<String> pageIds = new ArrayList<>();
            page.json().forEach(e -> pageIds.add(e.get("id").asText()));
            assertThat(pageIds.size()).as("a page holds at most limit items").isLessThanOrEqualTo(limit);
            pages.add(pageIds);
            urls.add(url);
            url = page.links().get(rel);
        }
        return new Walk(pages, urls);
    }

    @Test
    void followingTheLinksWalksTheWholeResultSetForwardsAndBack() {
        qt().withExamples(30).forAll(integers().between(1, 7), integers().between(0, N - 1), Generate.booleans())
                .checkAssert(PaginationTest::walksForwardsAndBack);
    }

    private static void walksForwardsAndBack(int limit, int start, boolean count) {
        String first = NGSI + "/entities?type=" + TYPE + "&q=" + Api.enc("n>=0") + "&attrs=n" + (count ? "&count=true" : "")
                + "&limit=" + limit + "&offset=" + start;
        Walk forward = walk(api, first, "next", limit);
        assertThat(forward.ids()).as("every entity from the first page on, once, in order").isEqualTo(ids.subList(start, N));
        assertThat(forward.pages()).hasSize((N - start + limit - 1) / limit);
        for (String url : forward.urls().subList(1, forward.urls().size())) {
            assertThat(url).as("the other parameters are kept as sent").startsWith(NGSI + "/entities?type=" + TYPE + "&q=n%3E%3D0&attrs=n&")
                    .contains("limit=" + limit).contains("offset=").doesNotContain("offset=" + start + "&");
            assertThat(url.contains("count=true")).isEqualTo(count);
        }

        Walk back = walk(api, forward.urls().get(forward.urls().size() - 1), "prev", limit);
        List<String> expectedStarts = new ArrayList<>();
        for (int offset = start + (forward.pages().size() - 1) * limit; ; offset = Math.max(0, offset - limit)) {
            expectedStarts.add(ids.get(offset));
            if (offset == 0) break;
        }
        assertThat(back.pages()).extracting(p -> p.get(0)).as("prev steps back a page at a time to the first").isEqualTo(expectedStarts);
        assertThat(api.get(first).links().containsKey("prev")).as("the first page of a walk has prev only when it starts later").isEqualTo(start > 0);
        assertThat(api.get(NGSI + "/entities?type=" + TYPE + "&offset=0&limit=" + limit).links()).doesNotContainKey("prev");
    }

    @Test
    void theLastPageHasNoNextEvenWhenItIsFull() {
        Map<String, String> last = api.get(NGSI + "/entities?type=" + TYPE + "&limit=1&offset=" + (N - 1)).links();
        assertThat(last).containsEntry("prev", NGSI + "/entities?type=" + TYPE + "&limit=1&offset=" + (N - 2)).doesNotContainKey("next");
        assertThat(api.get(NGSI + "/entities?type=" + TYPE + "&limit=" + N).links()).doesNotContainKeys("next", "prev");
        var beyond = api.get(NGSI + "/entities?type=" + TYPE + "&limit=5&offset=40");
        assertThat(beyond.json()).isEmpty();
        assertThat(beyond.links()).containsEntry("prev", NGSI + "/entities?type=" + TYPE + "&limit=5&offset=35").doesNotContainKey("next");
        var onlyCount = api.get(NGSI + "/entities?type=" + TYPE + "&limit=0&count=true");
        assertThat(onlyCount.header("NGSILD-Results-Count")).hasValue(Integer.toString(N));
        assertThat(onlyCount.links()).as("limit=0 asks for the count only").doesNotContainKeys("next", "prev");
        var ld = api.accept("application/ld+json").get(NGSI + "/entities?type=" + TYPE + "&limit=2");
        assertThat(ld.raw().headers().allValues("Link").toString()).contains("rel=\"next\"; type=\"application/ld+json\"");
        var json = api.get(NGSI + "/entities?type=" + TYPE + "&limit=2");
        assertThat(json.links()).as("the @context link is still there").containsKeys("http://www.w3.org/ns/json-ld#context", "next");
    }

    @Test
    void temporalQueriesPageOverEntitiesAndCountThem() {
        Walk walk = walk(api, NGSI + "/temporal/entities?type=" + TYPE + "&attrs=n&limit=5", "next", 5);
        assertThat(walk.ids()).isEqualTo(ids);
        assertThat(walk.pages()).extracting(List::size).containsExactly(5, 5, 3);
        var counted = api.get(NGSI + "/temporal/entities?type=" + TYPE + "&attrs=n&limit=5&offset=5&count=true");
        assertThat(counted.header("NGSILD-Results-Count")).hasValue(Integer.toString(N));
        assertThat(counted.links()).containsKeys("prev", "next");
        assertThat(api.get(NGSI + "/temporal/entities?type=" + TYPE + "&attrs=n&limit=5&offset=8").links())
                .as("a full last page of histories").doesNotContainKey("next");
    }

    @Test
    void subscriptionsPageTheSameWay() {
        Api tenant = api.tenant("paging");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            var r = tenant.post(NGSI + "/subscriptions", "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"" + TYPE + "\"}],"
                    + "\"notification\":{\"endpoint\":{\"uri\":\"http://127.0.0.1:9/n" + i + "\"}}}");
            assertThat(r.status()).isEqualTo(201);
            created.add(r.header("Location").orElseThrow().substring((NGSI + "/subscriptions/").length()));
        }
        Walk walk = walk(tenant, NGSI + "/subscriptions?limit=3", "next", 3);
        assertThat(walk.pages()).extracting(List::size).containsExactly(3, 3, 1);
        assertThat(walk.ids()).containsExactlyInAnyOrderElementsOf(created);
        assertThat(walk.urls().get(2)).isEqualTo(NGSI + "/subscriptions?limit=3&offset=6");
        assertThat(tenant.get(NGSI + "/subscriptions?limit=3&offset=6").links()).containsEntry("prev", NGSI + "/subscriptions?limit=3&offset=3");
    }

    @Test
    void pagesOfTheLargestSizeKnowWhetherMoreFollow() {
        String type = "Big";
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) batch.append(i == 0 ? "" : ",").append(entity("urn:ngsi-ld:" + type + ":" + i, type, ""));
        assertThat(api.post(NGSI + "/entityOperations/create", batch.append(']').toString()).status()).isEqualTo(201);
        String all = NGSI + "/entities?type=" + type + "&limit=1000";
        assertThat(api.get(all).links()).as("exactly one full page").doesNotContainKey("next");
        assertThat(api.post(NGSI + "/entities", entity("urn:ngsi-ld:" + type + ":last", type, "")).status()).isEqualTo(201);
        JsonNode first = api.get(all).json();
        assertThat(first).hasSize(1000);
        Walk walk = walk(api, all, "next", 1000);
        assertThat(walk.pages()).extracting(List::size).containsExactly(1000, 1);
    }
}
