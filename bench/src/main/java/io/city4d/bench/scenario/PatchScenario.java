package io.city4d.bench.scenario;

import io.city4d.bench.http.ClosedLoop;
import io.city4d.bench.http.Endpoint;
import io.city4d.bench.report.Metric;
import io.city4d.bench.report.Sample;
import io.city4d.bench.server.BenchServer;
import java.time.Duration;
import java.util.List;

/** PATCH /ngsi-ld/v1/entities/{id}/attrs of one attribute, over many keep-alive connections each with one request in flight. */
final class PatchScenario extends ServerScenario {
    static final int ENTITIES = 1_000;
    private static final String PREFIX = "p";
    private final Metric rate = Metric.of("updates", "/s").goal(Peers.HTTP_UPDATES).peers(Peers.FROST_SINGLE);
    private final Metric p50 = Metric.of("update latency p50", "ms");
    private final Metric p99 = Metric.of("update latency p99", "ms");

    @Override
    public String name() { return "ngsi-patch"; }

    @Override
    public String description() { return "PATCH /ngsi-ld/v1/entities/{id}/attrs, one attribute, many in flight -> updates/s"; }

    @Override
    void prepare(BenchServer server, Sizes sizes) {
        BatchLoader.load(server.endpoint(), "patch entities", BatchLoader.UPSERT, PREFIX, ENTITIES, sizes.batchSize(), 0, 0,
                Duration.ofSeconds(sizes.maxSeconds()));
        patch(server.endpoint(), sizes, Math.min(sizes.patches(), 5_000), "warm-up");
    }

    @Override
    List<Sample> measureOnce(BenchServer server, Sizes sizes, int run) {
        ClosedLoop.Result result = patch(server.endpoint(), sizes, sizes.patches(), "run " + run);
        Checks.mostlySucceeded(name(), result);
        return List.of(new Sample(rate, result.perSecond()), new Sample(p50, result.latencies().percentileMillis(50)),
                new Sample(p99, result.latencies().percentileMillis(99)));
    }

    private ClosedLoop.Result patch(Endpoint endpoint, Sizes sizes, int count, String label) {
        return new ClosedLoop(endpoint, sizes.patchConnections()).run(name() + " " + label, count, Duration.ofSeconds(sizes.maxSeconds()),
                i -> endpoint.requests().patch(BenchEntities.attrsPath(PREFIX, i % ENTITIES), "{\"pm25\":{\"type\":\"Property\",\"value\":" + i + "}}"));
    }

}
