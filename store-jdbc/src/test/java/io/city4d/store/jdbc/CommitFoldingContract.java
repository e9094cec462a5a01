package io.city4d.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.city4d.core.model.Entity;
import io.city4d.core.model.EntityJson;
import io.city4d.core.pipeline.Command;
import io.city4d.core.pipeline.TwinOperations;
import io.city4d.core.port.Change;
import io.city4d.core.port.EntityStore;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.QueryParser;
import io.city4d.core.query.TemporalQuery;
import io.city4d.core.query.TemporalResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Many changes to the same entities committed at once (which the store folds into one row write per chain) leave
 * exactly what committing them one by one leaves: state, index answers, summaries and history.
 */
public abstract class CommitFoldingContract extends StoragePropertyContract {
    private static final AtomicInteger TENANTS = new AtomicInteger();
    private static final List<String> IDS = List.of("urn:x:1", "urn:x:2", "urn:x:3");

    /** One step of a random history: which entity, what to do, and a value. */
    record Step(int entity, int operation, int value) {}

    @Test
    void oneCommitLeavesWhatManyCommitsLeave() {
        qt().withExamples(40).withShrinkCycles(400).forAll(steps()).checkAssert(this::leavesWhatManyCommitsLeave);
    }

    private void leavesWhatManyCommitsLeave(List<Step> steps) {
        String together = "fold-" + TENANTS.incrementAndGet() + "-" + System.nanoTime();
        String oneByOne = together + "-single";
        List<Change> changes = changes(together, steps);
        EntityStore store = storage.entities();
        store.commit(changes);
        for (Change change : changes) {
            store.commit(List.of(new Change(oneByOne, change.before(), change.after(), change.history(), change.at())));
        }

        assertThat(store.findAll(together, IDS)).isEqualTo(store.findAll(oneByOne, IDS));
        for (String q : List.of("n>=0", "n<3", "status==\"even\"", "extra", "!extra")) {
            EntityQuery query = new EntityQuery(null, null, null, QueryParser.parse(q), null, null, 10, 0, true);
            assertThat(ids(store, together, query)).as(q).isEqualTo(ids(store, oneByOne, query));
        }
        EntityQuery byType = EntityQuery.byTypes(Set.of("urn:t:A", "urn:t:B"), 10);
        assertThat(ids(store, together, byType)).isEqualTo(ids(store, oneByOne, byType));
        assertThat(store.types(together)).isEqualTo(store.types(oneByOne));
        assertThat(store.attributes(together)).isEqualTo(store.attributes(oneByOne));
        TemporalQuery history = new TemporalQuery(EntityQuery.byIds(Set.copyOf(IDS)), null, null, null, null, null);
        assertThat(instances(store.temporal(together, history))).isEqualTo(instances(store.temporal(oneByOne, history)));
    }

    private static Gen<List<Step>> steps() {
        Gen<Step> step = integers().between(0, IDS.size() - 1).zip(integers().between(0, 5), integers().between(0, 4), Step::new);
        return lists().of(step).ofSizeBetween(1, 25);
    }

    /** The changes the pipeline would make for the steps, each from the state the one before left; refused steps are skipped. */
    private static List<Change> changes(String tenant, List<Step> steps) {
        Map<String, Entity> state = new HashMap<>();
        List<Change> changes = new ArrayList<>();
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        for (Step step : steps) {
            String id = IDS.get(step.entity());
            now = now.plusSeconds(1);
            try {
                Change change = TwinOperations.apply(tenant, command(id, step), state.get(id), now).change();
                if (change == null) continue;
                changes.add(change);
                state.put(id, change.after());
            } catch (ProblemException refused) {
                // e.g. an update of an entity that does not exist: the pipeline would answer the caller and store nothing
            }
        }
        return changes;
    }

    private static Command command(String id, Step step) {
        String status = "\"status\": \"" + (step.value() % 2 == 0 ? "even" : "odd") + "\"";
        String n = "\"n\": {\"type\": \"Property\", \"value\": " + step.value() + "}";
        String type = step.value() % 3 == 0 ? "urn:t:B" : "urn:t:A";
        return switch (step.operation()) {
            case 0 -> new Command.Create(TestTwin.entity("{\"id\": \"" + id + "\", \"type\": \"" + type + "\", " + n + ", " + status + "}"));
            case 1 -> new Command.UpdateAttributes(id, EntityJson.readAttributes(TestTwin.json("{" + n + "}")), Command.UpdateMode.APPEND);
            case 2 -> new Command.UpdateAttributes(id, EntityJson.readAttributes(TestTwin.json("{" + status + ", \"extra\": [" + step.value() + ", 9]}")),
                    Command.UpdateMode.APPEND);
            case 3 -> new Command.Replace(TestTwin.entity("{\"id\": \"" + id + "\", \"type\": \"" + type + "\", " + status + ", "
                    + TestTwin.point(105.8 + step.value() * 0.01, 21.0) + "}"));
            case 4 -> new Command.DeleteAttribute(id, "extra");
            default -> new Command.Delete(id);
        };
    }

    private static List<String> ids(EntityStore store, String tenant, EntityQuery query) {
        var result = store.query(tenant, query);
        List<String> ids = new ArrayList<>(result.entities().stream().map(Entity::id).toList());
        ids.add("count=" + result.totalCount());
        return ids;
    }

    /** Per entity and attribute, the recorded values and instants. */
    private static Map<String, List<String>> instances(TemporalResult result) {
        Map<String, List<String>> out = new HashMap<>();
        for (TemporalResult.EntityHistory entity : result.entities()) {
            entity.instances().forEach((attribute, instances) -> out.put(entity.id() + " " + attribute,
                    instances.stream().map(i -> i.at() + " " + i.attribute()).toList()));
        }
        return out;
    }
}
