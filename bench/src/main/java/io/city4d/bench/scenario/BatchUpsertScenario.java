package io.city4d.bench.scenario;

import io.city4d.bench.http.ClosedLoop;
import io.city4d.bench.report.Metric;
import io.city4d.bench.report.Sample;
import io.city4d.bench.server.BenchServer;
import java.time.Duration;
import java.util.List;

/**
 * POST /ngsi-ld/v1/entityOperations/upsert with batches of entities: first creating them, then updating all their
 * attributes (options=update), each attribute value also landing in history.
 */
final class BatchUpsertScenario extends ServerScenario {
    private static final Metric CREATED = Metric.of("entities created", "/s").peers(Peers.SCORPIO_BATCH);
    private static final Metric UPDATED = Metric.of("entities upserted (update)", "/s");
    private static final Metric ATTRIBUTES = Metric.of("attribute updates", "/s").goal(Peers.BULK_INGEST);

    @Override
    public String name() { return "ngsi-batch-upsert"; }

    @Override
    public String description() { return "POST /ngsi-ld/v1/entityOperations/upsert, batches of 1,000 -> entities/s and attribute updates/s"; }

    @Override
    void prepare(BenchServer server, Sizes sizes) {
        BatchLoader.load(server.endpoint(), "batch warm-up", BatchLoader.UPSERT, "bw", 2 * sizes.batchSize(), sizes.batchSize(),
                sizes.attributesPerEntity(), 0, Duration.ofSeconds(sizes.maxSeconds()));
    }

    @Override
    List<Sample> measureOnce(BenchServer server, Sizes sizes, int run) {
        int entities = sizes.batches() * sizes.batchSize();
        int attributes = sizes.attributesPerEntity() + 2; // pm25 and location besides the extra readings
        String prefix = "b" + run;
        Duration limit = Duration.ofSeconds(sizes.maxSeconds());
        ClosedLoop.Result created = BatchLoader.load(server.endpoint(), name() + " create", BatchLoader.UPSERT, prefix, entities,
                sizes.batchSize(), sizes.attributesPerEntity(), 0, limit);
        ClosedLoop.Result updated = BatchLoader.load(server.endpoint(), name() + " update", BatchLoader.UPSERT_UPDATE, prefix, entities,
                sizes.batchSize(), sizes.attributesPerEntity(), run, limit);
        double updatedPerSecond = entities / (updated.elapsedNanos() / 1e9);
        return List.of(new Sample(CREATED, entities / (created.elapsedNanos() / 1e9)), new Sample(UPDATED, updatedPerSecond),
                new Sample(ATTRIBUTES, updatedPerSecond * attributes));
    }
}
