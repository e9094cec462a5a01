package io.city4d.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.city4d.bench.http.Endpoint;
import io.city4d.bench.http.HttpConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Checks, after the server was killed with SIGKILL and started again, that it kept every write it acknowledged: each
 * entity's value is at least the highest sequence number acknowledged for it, and its history holds at least as many
 * values as were acknowledged.
 */
final class AcknowledgedWrites {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Entities checked, and what was found missing (at most a few examples). */
    record Result(long entities, long lost, List<String> examples) {}

    private AcknowledgedWrites() {}

    static Result check(Endpoint endpoint, Ledger ledger) throws InterruptedException {
        ConcurrentLinkedQueue<Map.Entry<String, Ledger.Acked>> todo = new ConcurrentLinkedQueue<>(ledger.entities().entrySet());
        LongAdder lost = new LongAdder();
        ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
        List<Thread> checkers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            checkers.add(Thread.ofVirtual().start(() -> {
                try (HttpConnection http = endpoint.connect()) {
                    for (Map.Entry<String, Ledger.Acked> next; (next = todo.poll()) != null; ) {
                        String problem = missing(http, endpoint, next.getKey(), next.getValue());
                        if (problem != null) {
                            lost.increment();
                            if (examples.size() < 5) examples.add(problem);
                        }
                    }
                } catch (IOException e) {
                    lost.increment();
                    examples.add("checking failed: " + e);
                }
            }));
        }
        for (Thread checker : checkers) checker.join();
        return new Result(ledger.entities().size(), lost.sum(), List.copyOf(examples));
    }

    private static String missing(HttpConnection http, Endpoint endpoint, String id, Ledger.Acked acked) throws IOException {
        String attribute = id.contains(":AirQualityObserved:") ? "pm25" : "seq";
        HttpConnection.Response current = http.exchange(endpoint.requests().get("/ngsi-ld/v1/entities/" + id + "?options=keyValues&attrs=" + attribute));
        if (current.status() != 200) return id + ": HTTP " + current.status();
        long value = JSON.readTree(current.body()).path(attribute).asLong(-1);
        if (value < acked.highest().get()) return id + ": " + attribute + " is " + value + ", but " + acked.highest().get() + " was acknowledged";
        HttpConnection.Response history = http.exchange(endpoint.requests().get("/ngsi-ld/v1/temporal/entities/" + id + "?attrs=" + attribute
                + "&options=aggregatedValues&aggrMethods=totalCount&aggrPeriodDuration=PT0S"));
        if (history.status() != 200) return id + ": temporal HTTP " + history.status();
        JsonNode count = JSON.readTree(history.body()).path(attribute).path("totalCount").path(0).path(0);
        if (count.asLong(-1) < acked.count().sum()) return id + ": history holds " + count.asLong(-1) + " values of " + attribute + ", but "
                + acked.count().sum() + " were acknowledged";
        return null;
    }
}
