package io.city4d.bench.scenario;

import io.city4d.bench.http.ClosedLoop;
import io.city4d.bench.http.Endpoint;
import io.city4d.bench.report.Metric;
import io.city4d.bench.report.Sample;
import io.city4d.bench.server.BenchServer;
import java.time.Duration;
import java.util.List;

/** POST /ngsi-ld/v1/entities, one entity per request, with a given number of requests in flight. */
final class CreateScenario extends ServerScenario {
    private static final int WARM_UP = 300;
    private final int inFlight;
    private final Metric rate;
    private final Metric p50;

    CreateScenario(int inFlight, String peers) {
        this.inFlight = inFlight;
        this.rate = Metric.of("creates", "/s").peers(peers);
        this.p50 = Metric.of("create latency p50", "ms");
    }

    @Override
    public String name() { return "ngsi-create-" + inFlight; }

    @Override
    public String description() { return "POST /ngsi-ld/v1/entities one at a time with " + inFlight + " in flight -> creates/s"; }

    @Override
    void prepare(BenchServer server, Sizes sizes) {
        Checks.allSucceeded("warm-up", create(server.endpoint(), "warm", WARM_UP, sizes), WARM_UP);
    }

    @Override
    List<Sample> measureOnce(BenchServer server, Sizes sizes, int run) {
        ClosedLoop.Result result = create(server.endpoint(), "run" + run, sizes.creates(), sizes);
        Checks.allSucceeded(name(), result, sizes.creates());
        return List.of(new Sample(rate, result.perSecond()), new Sample(p50, result.latencies().percentileMillis(50)));
    }

    private ClosedLoop.Result create(Endpoint endpoint, String prefix, int count, Sizes sizes) {
        String idPrefix = "c" + inFlight + prefix;
        return new ClosedLoop(endpoint, inFlight).run(name() + " " + prefix, count, Duration.ofSeconds(sizes.maxSeconds()),
                i -> endpoint.requests().post("/ngsi-ld/v1/entities", BenchEntities.entity(idPrefix, i, 0, 0)));
    }
}
