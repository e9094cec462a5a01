package io.city4d.bench.scenario;

/**
 * How much work each scenario does per run. Every loop is bounded by these counts and by {@link #maxSeconds}.
 * The quick sizes make a smoke run of seconds; the full ones give stable figures.
 */
public record Sizes(int creates, int batches, int batchSize, int attributesPerEntity, int patches, int patchConnections,
                    int mqttMessages, int mqttConnections, int mqttWindow, int queryEntities, int queries,
                    int notifyRate, int notifySeconds, int notifyConnections, long historyPoints, int temporalQueries,
                    int memoryEntities, int maxSeconds) {

    public static Sizes full() {
        return new Sizes(3_000, 20, 1_000, 10, 40_000, 64, 200_000, 16, 1_000, 100_000, 300,
                10_000, 10, 64, 1_000_000, 10, 1_000_000, 120);
    }

    public static Sizes quick() {
        return new Sizes(200, 3, 1_000, 10, 2_000, 64, 10_000, 4, 1_000, 10_000, 100,
                2_000, 2, 32, 100_000, 3, 200_000, 30);
    }

    public Sizes withHistoryPoints(long points) {
        return new Sizes(creates, batches, batchSize, attributesPerEntity, patches, patchConnections, mqttMessages, mqttConnections,
                mqttWindow, queryEntities, queries, notifyRate, notifySeconds, notifyConnections, points, temporalQueries, memoryEntities, maxSeconds);
    }

    public Sizes withMemoryEntities(int entities) {
        return new Sizes(creates, batches, batchSize, attributesPerEntity, patches, patchConnections, mqttMessages, mqttConnections,
                mqttWindow, queryEntities, queries, notifyRate, notifySeconds, notifyConnections, historyPoints, temporalQueries, entities, maxSeconds);
    }

    public Sizes withNotifyRate(int rate) {
        return new Sizes(creates, batches, batchSize, attributesPerEntity, patches, patchConnections, mqttMessages, mqttConnections,
                mqttWindow, queryEntities, queries, rate, notifySeconds, notifyConnections, historyPoints, temporalQueries, memoryEntities, maxSeconds);
    }
}
