package io.city4d.bench.scenario;

import io.city4d.bench.http.ClosedLoop;
import io.city4d.bench.http.Endpoint;
import java.time.Duration;

/** Loads benchmark entities through POST /ngsi-ld/v1/entityOperations/upsert in batches. */
final class BatchLoader {
    static final String UPSERT = "/ngsi-ld/v1/entityOperations/upsert";
    static final String UPSERT_UPDATE = UPSERT + "?options=update";
    private static final int CONNECTIONS = 2;

    private BatchLoader() {}

    /** Upserts entities 0 to count-1 of the prefix; fails when any batch fails. */
    static ClosedLoop.Result load(Endpoint endpoint, String label, String path, String prefix, int count, int batchSize,
                                  int extraAttributes, int salt, Duration maxTime) {
        int batches = (count + batchSize - 1) / batchSize;
        ClosedLoop.Result result = new ClosedLoop(endpoint, CONNECTIONS).run(label, batches, maxTime, b -> {
            int first = b * batchSize;
            return endpoint.requests().post(path, BenchEntities.batch(prefix, first, Math.min(batchSize, count - first), extraAttributes, salt));
        });
        Checks.allSucceeded(label, result, batches);
        return result;
    }
}
