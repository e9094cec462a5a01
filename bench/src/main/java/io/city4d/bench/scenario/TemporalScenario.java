package io.city4d.bench.scenario;

import io.city4d.bench.http.ClosedLoop;
import io.city4d.bench.http.Endpoint;
import io.city4d.bench.report.Metric;
import io.city4d.bench.report.Sample;
import io.city4d.bench.server.BenchServer;
import io.city4d.core.model.Vocabulary;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Aggregation over the whole history of one attribute: avg and max per hour, with no time window, through
 * GET /ngsi-ld/v1/temporal/entities/{id}. One query at a time, once the store's rollups have caught up with the
 * loaded history.
 */
final class TemporalScenario extends ServerScenario {
    private static final String ENTITY = "urn:ngsi-ld:BenchSeries:1";
    private static final long TARGET_POINTS = 10_000_000;
    private Metric latency;

    @Override
    public String name() { return "temporal-aggregation"; }

    @Override
    public String description() { return "aggregatedValues avg,max per PT1H over N history points of one attribute -> latency"; }

    @Override
    void prepare(BenchServer server, Sizes sizes) {
        Endpoint endpoint = server.endpoint();
        endpoint.call(endpoint.requests().post("/ngsi-ld/v1/entities", "{\"id\":\"" + ENTITY + "\",\"type\":\"BenchSeries\",\"x\":{\"type\":\"Property\",\"value\":0}}"));
        HistoryLoader.load(server.city().storage().entities(), ENTITY, Vocabulary.expandDefault("x"), sizes.historyPoints());
        HistoryLoader.awaitRollups(server.city().storage());
        latency = Metric.of(String.format(Locale.ROOT, "avg,max per hour over %,d points, p50", sizes.historyPoints()), "ms");
        if (sizes.historyPoints() >= TARGET_POINTS) latency = latency.goal(Peers.TEMPORAL_10M);
        String first = endpoint.call(query(endpoint)).text();
        if (!first.contains("\"avg\":[[")) throw new IllegalStateException("the aggregation returned no buckets: " + first);
    }

    @Override
    List<Sample> measureOnce(BenchServer server, Sizes sizes, int run) {
        Endpoint endpoint = server.endpoint();
        ClosedLoop.Result result = new ClosedLoop(endpoint, 1).run(name() + " run " + run, sizes.temporalQueries(),
                Duration.ofSeconds(sizes.maxSeconds()), i -> query(endpoint));
        Checks.mostlySucceeded(name(), result);
        if (result.completed() == 0) throw new IllegalStateException(name() + ": no query finished within " + sizes.maxSeconds() + " s");
        return List.of(new Sample(latency, result.latencies().percentileMillis(50)));
    }

    private static byte[] query(Endpoint endpoint) {
        return endpoint.requests().get("/ngsi-ld/v1/temporal/entities/" + ENTITY + "?attrs=x&options=aggregatedValues&aggrMethods=avg,max&aggrPeriodDuration=PT1H");
    }
}
