package io.city4d.bench.scenario;

import io.city4d.bench.http.ClosedLoop;
import io.city4d.bench.http.Endpoint;
import io.city4d.bench.http.Requests;
import io.city4d.bench.report.Metric;
import io.city4d.bench.report.Sample;
import io.city4d.bench.server.BenchServer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Queries over a loaded set of entities, one at a time: {@code type} with a {@code q} range on pm25 (about 0.2% of
 * the entities match, the default page of 20 is returned), and a {@code near} query with a 200 m radius. Each kind
 * runs for a bounded count or {@link #TIME_PER_RUN}, whichever ends first.
 */
final class QueryScenario extends ServerScenario {
    private static final String PREFIX = "q";
    private static final int WARM_UP = 50;
    /** Per query kind and run: a slow query gets fewer samples rather than an endless run. */
    private static final Duration TIME_PER_RUN = Duration.ofSeconds(30);
    private final Metric typeQP50 = Metric.of("type+q p50", "ms").goal(Peers.QUERY_P50).peers(Peers.SCORPIO_QUERY);
    private final Metric typeQP99 = Metric.of("type+q p99", "ms");
    private final Metric nearP50 = Metric.of("near p50", "ms").goal(Peers.QUERY_P50).peers(Peers.SCORPIO_NEAR);
    private final Metric nearP99 = Metric.of("near p99", "ms");

    @Override
    public String name() { return "query"; }

    @Override
    public String description() { return "type+q query and geo near query over 100k entities -> p50/p99 latency"; }

    @Override
    void prepare(BenchServer server, Sizes sizes) {
        BatchLoader.load(server.endpoint(), "query entities", BatchLoader.UPSERT, PREFIX, sizes.queryEntities(), sizes.batchSize(), 0, 0,
                Duration.ofSeconds(10L * sizes.maxSeconds()));
        Endpoint endpoint = server.endpoint();
        requireResults(endpoint, typeQ(endpoint).apply(1));
        requireResults(endpoint, near(endpoint).apply(1));
        run(endpoint, "type+q warm-up", WARM_UP, typeQ(endpoint));
        run(endpoint, "near warm-up", WARM_UP, near(endpoint));
    }

    @Override
    List<Sample> measureOnce(BenchServer server, Sizes sizes, int run) {
        Endpoint endpoint = server.endpoint();
        ClosedLoop.Result typeQ = run(endpoint, "type+q run " + run, sizes.queries(), typeQ(endpoint));
        ClosedLoop.Result near = run(endpoint, "near run " + run, sizes.queries(), near(endpoint));
        return List.of(new Sample(typeQP50, typeQ.latencies().percentileMillis(50)), new Sample(typeQP99, typeQ.latencies().percentileMillis(99)),
                new Sample(nearP50, near.latencies().percentileMillis(50)), new Sample(nearP99, near.latencies().percentileMillis(99)));
    }

    private ClosedLoop.Result run(Endpoint endpoint, String label, int count, IntFunction<byte[]> query) {
        ClosedLoop.Result result = new ClosedLoop(endpoint, 1).run(name() + " " + label, count, TIME_PER_RUN, query);
        Checks.mostlySucceeded(label, result);
        return result;
    }

    /** pm25 in [x, x+1) for a varying x: about 0.2% of the entities. */
    private static IntFunction<byte[]> typeQ(Endpoint endpoint) {
        return i -> {
            int x = Math.floorMod(i * 37, 499);
            return endpoint.requests().get("/ngsi-ld/v1/entities?type=" + BenchEntities.TYPE + "&" + Requests.param("q", "pm25>=" + x + ";pm25<" + (x + 1)));
        };
    }

    /** Within 200 m of a point that wanders over the loaded square. */
    private static IntFunction<byte[]> near(Endpoint endpoint) {
        return i -> {
            double lon = BenchEntities.longitude(i * 7 + 3);
            double lat = BenchEntities.latitude(i * 7 + 3);
            return endpoint.requests().get("/ngsi-ld/v1/entities?type=" + BenchEntities.TYPE + "&" + Requests.param("georel", "near;maxDistance==200")
                    + "&geometry=Point&" + Requests.param("coordinates", String.format(Locale.ROOT, "[%.6f,%.6f]", lon, lat)));
        };
    }

    private static void requireResults(Endpoint endpoint, byte[] query) {
        String body = endpoint.call(query).text();
        if (!body.startsWith("[{")) throw new IllegalStateException("a benchmark query found nothing: " + body);
    }
}
