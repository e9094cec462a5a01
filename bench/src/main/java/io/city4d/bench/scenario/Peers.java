package io.city4d.bench.scenario;

import io.city4d.bench.report.Goal;

/** The design targets and the peers' figures of DESIGN.md, section "Performance targets". */
final class Peers {
    static final Goal BULK_INGEST = Goal.atLeast(1_000_000, ">= 1,000,000/s durable");
    static final Goal MQTT_QOS1 = Goal.atLeast(100_000, ">= 100,000/s");
    static final Goal HTTP_UPDATES = Goal.atLeast(30_000, ">= 30,000/s");
    static final Goal NOTIFY_P99 = Goal.atMost(10, "p99 <= 10 ms at 10k/s");
    static final Goal QUERY_P50 = Goal.atMost(2, "p50 <= 2 ms");
    static final Goal TEMPORAL_10M = Goal.atMost(100, "<= 100 ms at 10M points");
    static final Goal HEAP_1M = Goal.atMost(2_048, "1M entities in <= 2 GB heap");
    static final Goal STARTUP = Goal.atMost(2_000, "<= 2 s");

    static final String SCORPIO_CREATE_1 = "Scorpio 239/s";
    static final String SCORPIO_CREATE_8 = "Scorpio 594/s";
    static final String SCORPIO_BATCH = "Scorpio ~1,260 entities/s; FROST dataArray 2,100-3,300 obs/s";
    static final String THINGSBOARD = "ThingsBoard 5k msg/s (published)";
    static final String FROST_SINGLE = "FROST ~1,000 obs/s with 8 threads";
    static final String SCORPIO_QUERY = "Scorpio p50 116 ms over 14k";
    static final String SCORPIO_NEAR = "Scorpio p50 37 ms";
    static final String SCORPIO_NOTIFY = "Scorpio notification p50 5 ms";

    private Peers() {}
}
