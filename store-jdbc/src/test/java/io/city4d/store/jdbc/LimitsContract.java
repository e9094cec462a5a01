package io.city4d.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.core.model.Entity;
import io.city4d.core.model.EntityIds;
import io.city4d.core.port.Change;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.QueryParser;
import io.city4d.core.query.TemporalQuery;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Values and queries at City4D's limits are stored and answered like any others: strings far longer than an index
 * entry holds, ids and names of the longest length in many-byte characters, and q expressions of thousands of terms.
 */
public abstract class LimitsContract extends StorageSuite {

    /** A string of random CJK characters (three bytes each in UTF-8), which no database compresses much. */
    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) text.append((char) (0x4E00 + random.nextInt(20_000)));
        return text.toString();
    }

    @Test
    void aStringLongerThanAnIndexEntryIsStoredAndComparedWhole() {
        Random random = new Random(7);
        String prefix = randomText(random, 400);
        String long1 = prefix + "m" + randomText(random, 1_600);
        String long2 = prefix + "n" + randomText(random, 1_600);
        twin.create("{\"id\": \"urn:x:1\", \"type\": \"urn:t:T\", \"text\": \"" + long1 + "\"}");
        twin.create("{\"id\": \"urn:x:2\", \"type\": \"urn:t:T\", \"text\": \"" + long2 + "\"}");
        twin.create("{\"id\": \"urn:x:3\", \"type\": \"urn:t:T\", \"text\": \"short\"}");

        assertThat(storage.entities().find(tenant, "urn:x:1").attributes()).containsKey("text");
        assertThat(ids("text==\"" + long1 + "\"")).containsExactly("urn:x:1");
        assertThat(ids("text==\"" + prefix + "\"")).isEmpty();
        assertThat(ids("text>\"" + prefix + "m\"")).containsExactlyInAnyOrder("urn:x:1", "urn:x:2");
        assertThat(ids("text<\"" + long2 + "\"")).containsExactlyInAnyOrder("urn:x:1", "urn:x:3");
        assertThat(ids("text>=\"" + long1 + "\"")).containsExactlyInAnyOrder("urn:x:1", "urn:x:2");
        assertThat(ids("text>\"" + long1 + "\"")).containsExactlyInAnyOrder("urn:x:2");
        assertThat(ids("text==\"short\",\"" + long2 + "\"")).containsExactlyInAnyOrder("urn:x:2", "urn:x:3");
        assertThat(ids("text!=\"" + long2 + "\"")).containsExactlyInAnyOrder("urn:x:1", "urn:x:3");
        assertThat(ids("text<\"a\"")).isEmpty();
    }

    @Test
    void idsAndNamesOfTheLongestLengthInManyByteCharactersAreStoredWithHistory() {
        // 341 characters of three bytes each, after the scheme: 1,024 bytes of UTF-8 in all
        String id = "urn:" + "城".repeat(340);
        assertThat(EntityIds.utf8Length(id)).isEqualTo(1_024);
        assertThat(EntityIds.isUri(id)).isTrue();
        assertThat(EntityIds.isUri(id + "x")).isFalse();
        String attribute = "urn:" + "水".repeat(340);
        twin.create("{\"id\": \"" + id + "\", \"type\": \"urn:t:T\", \"" + attribute + "\": {\"type\": \"Property\", \"value\": \"城"
                + "市".repeat(3_000) + "\"}}");
        twin.update(id, "{\"" + attribute + "\": 2}");
        Entity found = storage.entities().find(tenant, id);
        assertThat(found.attributes()).containsOnlyKeys(attribute);
        var history = storage.entities().temporal(tenant, new TemporalQuery(EntityQuery.byIds(Set.of(id)), Set.of(attribute), null, null, null, null));
        assertThat(history.entities().get(0).instances().get(attribute)).hasSize(2);
    }

    @Test
    void aValueListOfThousandsOfValuesIsOneIndexLookupPerValue() {
        for (int i = 0; i < 50; i++) twin.create("{\"id\": \"urn:x:" + i + "\", \"type\": \"urn:t:T\", \"n\": " + i + ", \"s\": \"v" + i + "\"}");
        String numbers = IntStream.range(1_000, 2_500).mapToObj(Integer::toString).collect(Collectors.joining(","));
        assertThat(ids("n==" + numbers + ",7")).containsExactly("urn:x:7");
        assertThat(ids("n==" + "1,".repeat(2_000) + "3")).containsExactlyInAnyOrder("urn:x:1", "urn:x:3");
        String strings = IntStream.range(0, 1_000).mapToObj(i -> "\"w" + i + "\"").collect(Collectors.joining(","));
        assertThat(ids("s==" + strings + ",\"v9\"")).containsExactly("urn:x:9");
        assertThat(ids("n!=" + numbers + ",7")).hasSize(49);
    }

    @Test
    void expressionsOfTheMostTermsAreAnswered() {
        int most = QueryParser.MAX_TERMS;
        for (int i = 0; i < 50; i++) twin.create("{\"id\": \"urn:x:" + i + "\", \"type\": \"urn:t:T\", \"n\": " + i + ", \"a" + i + "\": " + i + "}");
        String anyOfValues = IntStream.range(0, most).mapToObj(i -> "n==" + (i * 100)).collect(Collectors.joining("|"));
        assertThat(ids(anyOfValues)).containsExactly("urn:x:0");
        String anyOfAttributes = IntStream.range(0, most).mapToObj(i -> "a" + i + "==" + (i % 3 == 0 ? i : -1)).collect(Collectors.joining("|"));
        assertThat(ids(anyOfAttributes)).hasSize(17);
        String allOf = IntStream.range(0, most).mapToObj(i -> "n>" + (i - 101)).collect(Collectors.joining(";"));
        assertThat(ids(allOf)).hasSize(50);
        String allOfAttributes = IntStream.range(0, most - 1).mapToObj(i -> "b" + i + "!=1").collect(Collectors.joining(";"));
        assertThat(ids("n==3;" + allOfAttributes)).isEmpty();
        assertThat(ids("(n==3|n==4);(" + IntStream.range(0, most - 3).mapToObj(i -> "!b" + i).collect(Collectors.joining(";")) + ")"))
                .containsExactlyInAnyOrder("urn:x:3", "urn:x:4");
    }

    @Test
    void aPageOfTheLargestSizeIsRead() {
        for (int i = 0; i < 1_000; i += 100) {
            List<Change> changes = IntStream.range(i, i + 100)
                    .mapToObj(k -> twin.creation("{\"id\": \"urn:x:" + k + "\", \"type\": \"urn:t:T\", \"n\": " + k + "}")).toList();
            storage.entities().commit(changes);
        }
        EntityQuery all = new EntityQuery(null, null, Set.of("urn:t:T"), QueryParser.parse("n>=0"), null, null, EntityQuery.MAX_LIMIT, 0, true);
        var result = storage.entities().query(tenant, all);
        assertThat(result.entities()).hasSize(1_000);
        assertThat(result.totalCount()).isEqualTo(1_000L);
    }

    private List<String> ids(String q) {
        EntityQuery query = new EntityQuery(null, null, Set.of("urn:t:T"), QueryParser.parse(q), null, null, EntityQuery.MAX_LIMIT, 0, false);
        return storage.entities().query(tenant, query).entities().stream().map(Entity::id).toList();
    }
}
