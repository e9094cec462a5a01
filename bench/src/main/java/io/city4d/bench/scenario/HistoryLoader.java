package io.city4d.bench.scenario;

import io.city4d.bench.Progress;
import io.city4d.core.model.Entity;
import io.city4d.core.model.Json;
import io.city4d.core.model.Property;
import io.city4d.core.port.Change;
import io.city4d.core.port.Change.HistoryPoint;
import io.city4d.core.port.EntityStore;
import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.HistoryRollups;
import io.city4d.store.jdbc.JdbcStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends history points to one attribute of a stored entity through the {@link EntityStore} port, the commit path
 * the pipeline uses, in large commits: loading millions of points over HTTP would take most of a benchmark's time.
 * The entity's current state is left as it is, so the pipeline's cache stays right.
 */
final class HistoryLoader {
    static final Instant FIRST = Instant.parse("2026-01-01T00:00:00Z");
    private static final int POINTS_PER_COMMIT = 20_000;

    private HistoryLoader() {}

    /** Point i is at FIRST + i seconds, with a value that goes round 0 to 99.9. */
    static void load(EntityStore store, String entityId, String attribute, long points) {
        Entity entity = store.find("", entityId);
        if (entity == null) throw new IllegalStateException("no entity " + entityId + " to load history onto");
        AtomicLong loaded = new AtomicLong();
        try (Progress ignored = Progress.track("history points", loaded::get, points)) {
            for (long first = 0; first < points; first += POINTS_PER_COMMIT) {
                List<HistoryPoint> history = new ArrayList<>(POINTS_PER_COMMIT);
                for (long i = first; i < Math.min(points, first + POINTS_PER_COMMIT); i++) {
                    Instant at = FIRST.plusSeconds(i);
                    Property value = Property.of(Json.NODES.numberNode((i % 1_000) / 10.0), at);
                    history.add(new HistoryPoint(attribute, value, at));
                }
                store.commit(List.of(new Change("", entity, entity, history, Instant.now())));
                loaded.addAndGet(history.size());
            }
        }
    }

    /**
     * Waits until the store has folded all loaded history into its rollups, which it does in the background, so that
     * queries are measured in the steady state rather than while they still read an unfolded tail of raw history.
     */
    static void awaitRollups(Storage storage) {
        if (!(storage instanceof JdbcStorage jdbc)) return;
        HistoryRollups rollups = jdbc.rollups();
        long start = rollups.folded();
        try (Progress ignored = Progress.track("history points folded into rollups", () -> rollups.folded() - start, rollups.unfolded())) {
            rollups.catchUp();
        }
    }
}
