package io.city4d.bench.scenario;

import io.city4d.bench.Latencies;
import io.city4d.bench.Progress;
import io.city4d.bench.http.ClosedLoop;
import io.city4d.bench.http.Endpoint;
import io.city4d.bench.http.OpenLoop;
import io.city4d.bench.report.Metric;
import io.city4d.bench.report.Sample;
import io.city4d.bench.server.BenchServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Ingest to notification: a subscription on pm25 notifies a local HTTP receiver, while PATCHes arrive at a steady
 * (open-loop) rate. Latency runs from the moment a PATCH was due to be sent to the moment its notification arrived,
 * so a server that falls behind is not flattered by a client that waits for it.
 */
final class NotificationScenario extends ServerScenario {
    private static final String PREFIX = "n";
    private static final int ENTITIES = 1_000;
    private static final long GRACE_NANOS = 10_000_000_000L;
    private static final int WARM_UP_RATE = 1_000;
    /** Two seconds left the first measured run still compiling the notification path (p50 114 ms, then 8 and 2 ms). */
    private static final int WARM_UP_SECONDS = 15;
    private Metric p50;
    private Metric p99;
    private Metric achieved;
    private Metric delivered;
    private NotificationReceiver receiver;

    @Override
    public String name() { return "notify-latency"; }

    @Override
    public String description() { return "subscription to a local HTTP receiver, PATCHes at a steady rate -> p50/p99 PATCH to notification"; }

    @Override
    void prepare(BenchServer server, Sizes sizes) throws Exception {
        String rate = String.format(Locale.ROOT, " at %,d/s", sizes.notifyRate());
        p50 = Metric.of("ingest to notification p50" + rate, "ms").peers(Peers.SCORPIO_NOTIFY);
        p99 = Metric.of("ingest to notification p99" + rate, "ms");
        if (sizes.notifyRate() >= 10_000) p99 = p99.goal(Peers.NOTIFY_P99);
        achieved = Metric.of("PATCH rate achieved" + rate, "/s");
        delivered = Metric.of("notifications received" + rate, "%");
        receiver = new NotificationReceiver();
        Endpoint endpoint = server.endpoint();
        BatchLoader.load(endpoint, "notify entities", BatchLoader.UPSERT, PREFIX, ENTITIES, sizes.batchSize(), 0, 0, Duration.ofSeconds(sizes.maxSeconds()));
        endpoint.call(endpoint.requests().post("/ngsi-ld/v1/subscriptions", "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"" + BenchEntities.TYPE
                + "\"}],\"watchedAttributes\":[\"pm25\"],\"notification\":{\"attributes\":[\"pm25\"],\"format\":\"normalized\",\"endpoint\":{\"uri\":\""
                + receiver.uri() + "\",\"accept\":\"application/json\"}}}"));
        paced(endpoint, Math.min(sizes.notifyRate(), WARM_UP_RATE), sizes, 0, WARM_UP_SECONDS, "warm-up");
    }

    @Override
    void release() {
        if (receiver != null) receiver.close();
        receiver = null;
    }

    @Override
    List<Sample> measureOnce(BenchServer server, Sizes sizes, int run) throws InterruptedException {
        return paced(server.endpoint(), sizes.notifyRate(), sizes, run, sizes.notifySeconds(), "run " + run);
    }

    private List<Sample> paced(Endpoint endpoint, int rate, Sizes sizes, int run, int seconds, String label) throws InterruptedException {
        int total = rate * seconds;
        long base = (run + 1) * 100_000_000L;
        long[] due = new long[total];
        receiver.expect(base, total);
        OpenLoop load = new OpenLoop(endpoint, sizes.notifyConnections());
        ClosedLoop.Result result;
        try (Progress ignored = Progress.track(name() + " " + label + " notifications", receiver::received, total)) {
            result = load.run(total, rate, (seconds + sizes.maxSeconds()) * 1_000_000_000L, due,
                    i -> endpoint.requests().patch(BenchEntities.attrsPath(PREFIX, i % ENTITIES), "{\"pm25\":{\"type\":\"Property\",\"value\":" + (base + i) + "}}"));
            long graceEnd = System.nanoTime() + GRACE_NANOS;
            while (receiver.received() < result.completed() && System.nanoTime() < graceEnd) Thread.sleep(5);
        }
        Checks.mostlySucceeded(name(), result);
        Latencies latencies = new Latencies(total);
        for (int i = 0; i < total; i++) {
            long arrival = receiver.arrival(i);
            if (arrival != 0) latencies.record(i, arrival - due[i]);
        }
        return List.of(new Sample(p50, latencies.percentileMillis(50)), new Sample(p99, latencies.percentileMillis(99)),
                new Sample(achieved, result.perSecond()), new Sample(delivered, 100.0 * receiver.received() / Math.max(1, result.completed())));
    }
}
