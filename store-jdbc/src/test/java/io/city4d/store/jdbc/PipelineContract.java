package io.city4d.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.model.Instances;
import io.city4d.core.model.EntityJson;
import io.city4d.core.model.Format;
import io.city4d.core.model.Json;
import io.city4d.core.model.Property;
import io.city4d.core.pipeline.Command;
import io.city4d.core.pipeline.Command.UpdateMode;
import io.city4d.core.pipeline.Outcome;
import io.city4d.core.pipeline.Pipeline;
import io.city4d.core.pipeline.TwinOperations;
import io.city4d.core.port.Change;
import io.city4d.core.port.UnstorableChangeException;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.TemporalQuery;
import io.city4d.core.query.TemporalQuery.Aggregation;
import io.city4d.core.query.TemporalQuery.Method;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The pipeline over a real store: its answers do not depend on its entity cache, and a change the store refuses fails
 * alone, never the other writes that share its commit. Random runs print their seed; {@code -Dcity4d.seed=N} repeats one.
 */
public abstract class PipelineContract extends StorageSuite {
    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    private Pipeline pipeline(int partitions, int cachedEntities) {
        return new Pipeline(storage.entities(), Clock.fixed(NOW, ZoneOffset.UTC), new Pipeline.Settings(partitions, 20_000, 4_096, cachedEntities));
    }

    // ---- the cache ----

    /**
     * Commands on many more entities than a tiny cache holds, all queued at once so that the writers take them in large
     * batches: each answer, and each entity's final state, is what applying the commands one by one gives.
     */
    @Test
    void theEntityCacheNeverChangesAnAnswer() throws Exception {
        long seed = Long.getLong("city4d.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 0; round < 4; round++) {
            String tenant = this.tenant + "-" + round;
            int entities = 50 + random.nextInt(400);
            List<Command> commands = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) commands.add(randomCommand(random, "urn:c:" + random.nextInt(entities)));

            Map<String, Entity> model = new HashMap<>();
            List<String> expected = new ArrayList<>();
            for (Command command : commands) expected.add(applyToModel(tenant, command, model));

            try (Pipeline pipeline = pipeline(2, 1 + random.nextInt(4))) {
                List<CompletableFuture<Outcome>> results = pipeline.submitAll(tenant, commands);
                for (int i = 0; i < commands.size(); i++) {
                    assertThat(answer(results.get(i))).as("seed %d, round %d, command %d: %s", seed, round, i, commands.get(i)).isEqualTo(expected.get(i));
                }
            }
            for (int i = 0; i < entities; i++) {
                String id = "urn:c:" + i;
                assertThat(text(storage.entities().find(tenant, id))).as("seed %d, round %d, stored %s", seed, round, id).isEqualTo(text(model.get(id)));
            }
        }
    }

    private static Command randomCommand(Random random, String id) {
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) attributes.put("urn:a:" + random.nextInt(4), Property.of(Json.NODES.numberNode(random.nextInt(10)), null));
        Entity entity = Entity.of(id, List.of("urn:t:T"), attributes, null, null);
        return switch (random.nextInt(7)) {
            case 0 -> new Command.Create(entity);
            case 1 -> new Command.Upsert(entity, random.nextBoolean());
            case 2 -> new Command.UpdateAttributes(id, Instances.single(attributes), UpdateMode.APPEND);
            case 3 -> new Command.UpdateAttributes(id, Instances.single(attributes), UpdateMode.APPEND_NO_OVERWRITE);
            case 4 -> new Command.Replace(entity);
            case 5 -> new Command.Ingest(id, List.of("urn:t:T"), attributes);
            default -> new Command.Delete(id);
        };
    }

    private static String applyToModel(String tenant, Command command, Map<String, Entity> model) {
        try {
            Outcome outcome = TwinOperations.apply(tenant, command, model.get(command.entityId()), NOW);
            if (outcome.change() != null) {
                if (outcome.change().after() == null) model.remove(command.entityId());
                else model.put(command.entityId(), outcome.change().after());
            }
            return describe(outcome);
        } catch (ProblemException e) {
            return e.type().name();
        }
    }

    private static String answer(CompletableFuture<Outcome> result) throws InterruptedException {
        try {
            return describe(result.get(30, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            return e.getCause() instanceof ProblemException p ? p.type().name() : "failed: " + e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            return "no answer in 30 s";
        }
    }

    private static String describe(Outcome outcome) {
        String kind = outcome.change() == null ? "unchanged" : outcome.change().kind().name();
        return kind + " " + outcome.notUpdated().stream().map(Outcome.NotUpdated::attribute).sorted().toList();
    }

    private static String text(Entity entity) {
        return entity == null ? "absent" : EntityJson.write(entity, Format.NORMALIZED, true, a -> true).toString();
    }

    // ---- isolation ----

    /**
     * An entity written behind the pipeline's back after it learnt that the entity did not exist (as a second writer of
     * the database could): creating it again breaks the store's uniqueness, and only that command fails.
     */
    @Test
    void aChangeTheStoreRefusesFailsAloneAndTheEntityIsReadAgain() throws Exception {
        try (Pipeline pipeline = pipeline(1, 1_000)) {
            List<Command> others = new ArrayList<>();
            for (int i = 0; i < 20; i++) others.add(new Command.Upsert(TestTwin.entity("{\"id\": \"urn:o:" + i + "\", \"type\": \"urn:t:T\", \"n\": 0}"), false));
            for (CompletableFuture<Outcome> done : pipeline.submitAll(tenant, others)) done.get(10, TimeUnit.SECONDS);
            assertThat(answer(pipeline.submit(tenant, new Command.Delete("urn:x:behind")))).isEqualTo(ProblemType.RESOURCE_NOT_FOUND.name());
            twin.create("{\"id\": \"urn:x:behind\", \"type\": \"urn:t:T\", \"n\": 1}");

            List<Command> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) batch.add(new Command.Upsert(TestTwin.entity("{\"id\": \"urn:o:" + i + "\", \"type\": \"urn:t:T\", \"n\": 1}"), false));
            batch.add(new Command.Create(TestTwin.entity("{\"id\": \"urn:x:behind\", \"type\": \"urn:t:T\", \"n\": 2}")));
            for (int i = 10; i < 20; i++) batch.add(new Command.Upsert(TestTwin.entity("{\"id\": \"urn:o:" + i + "\", \"type\": \"urn:t:T\", \"n\": 1}"), false));
            List<CompletableFuture<Outcome>> results = pipeline.submitAll(tenant, batch);
            for (int i = 0; i < batch.size(); i++) {
                String expected = batch.get(i) instanceof Command.Create ? ProblemType.BAD_REQUEST_DATA.name() : "UPDATED []";
                assertThat(answer(results.get(i))).as("command %d", i).isEqualTo(expected);
            }
            assertThat(((Property) storage.entities().find(tenant, "urn:o:19").attribute("n")).value().asInt()).isEqualTo(1);

            assertThat(answer(pipeline.submit(tenant, new Command.UpdateAttributes("urn:x:behind",
                    Instances.single(Map.of("n", Property.of(Json.NODES.numberNode(3), null))), UpdateMode.APPEND))))
                    .as("after a refusal the pipeline reads the entity from the store again").isEqualTo("UPDATED []");
        }
    }

    /**
     * Writers on many threads commit while one commits changes the store refuses; the group commits they share are
     * split until the refused change stands alone, so every other write succeeds.
     */
    @Test
    void aWriteTheStoreRefusesFailsNoOtherWriterOfItsGroupCommit() throws Exception {
        twin.create("{\"id\": \"urn:x:taken\", \"type\": \"urn:t:T\"}");
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> good = new ArrayList<>();
            for (int w = 0; w < 7; w++) {
                int writer = w;
                good.add(writers.submit(() -> {
                    for (int i = 0; i < 60; i++) twin(tenant).create("{\"id\": \"urn:g:" + writer + "-" + i + "\", \"type\": \"urn:t:T\", \"n\": " + i + "}");
                    return null;
                }));
            }
            Future<Integer> refusals = writers.submit(() -> {
                int refused = 0;
                for (int i = 0; i < 60; i++) {
                    try {
                        twin(tenant).create("{\"id\": \"urn:x:taken\", \"type\": \"urn:t:T\"}");
                    } catch (UnstorableChangeException e) {
                        refused++;
                    }
                }
                return refused;
            });
            for (Future<?> writer : good) writer.get(60, TimeUnit.SECONDS);
            assertThat(refusals.get(60, TimeUnit.SECONDS)).isEqualTo(60);
        } finally {
            writers.shutdownNow();
        }
        assertThat(storage.entities().countByType(tenant)).containsEntry("urn:t:T", 7L * 60 + 1);
    }

    private TestTwin twin(String tenant) {
        return new TestTwin(storage.entities(), tenant);
    }

    // ---- history written by earlier versions ----

    /** Infinities that earlier versions stored for numbers such as 1e999 leave aggregates without a value, not failing. */
    @Test
    void aggregatesOverStoredInfinitiesHaveNoValue() {
        twin.create("{\"id\": \"urn:x:inf\", \"type\": \"urn:t:T\", \"n\": 1}");
        for (double value : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2}) {
            Entity current = storage.entities().find(tenant, "urn:x:inf");
            Change change = TwinOperations.apply(tenant, new Command.UpdateAttributes("urn:x:inf",
                    Instances.single(Map.of("n", Property.of(Json.NODES.numberNode(value), null))), UpdateMode.APPEND), current, Instant.now()).change();
            storage.entities().commit(List.of(change));
        }
        var query = new TemporalQuery(EntityQuery.byIds(Set.of("urn:x:inf")), Set.of("n"),
                null, null, null, new Aggregation(List.of(Method.values()), null));
        var buckets = storage.entities().temporal(tenant, query).entities().get(0).aggregates().get("n");
        assertThat(buckets).singleElement().satisfies(bucket -> {
            assertThat(bucket.values().get(Method.AVG)).isNull();
            assertThat(bucket.values().get(Method.SUM)).isNull();
            assertThat(bucket.values().get(Method.TOTAL_COUNT)).isEqualTo(4.0);
        });
    }
}
