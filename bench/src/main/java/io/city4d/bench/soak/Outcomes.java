package io.city4d.bench.soak;

import io.city4d.bench.http.HttpConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one kind of load got back: answers by class, with the first few that broke the rules kept as examples. The
 * rules: nothing but 2xx, 4xx, and 503 with Retry-After (a server pushing back); a 503 without Retry-After or any
 * other 5xx is a failure.
 */
final class Outcomes {
    private static final int EXAMPLES = 5;

    final String name;
    final LongAdder succeeded = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder clientErrors = new LongAdder();
    final LongAdder serverErrors = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder shed = new LongAdder();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();

    Outcomes(String name) {
        this.name = name;
    }

    /** Counts an answer; true when it was a success (2xx). */
    boolean record(HttpConnection.Response response) {
        int status = response.status();
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (status / 100 == 2) {
            succeeded.increment();
            return true;
        }
        if (status == 429 || status == 503 && response.retryAfter()) refused.increment();
        else if (status / 100 == 4) clientErrors.increment();
        else fail("HTTP " + status + (status == 503 ? " without Retry-After" : "") + ": " + abbreviated(response.text()));
        return false;
    }

    /** A failure that breaks the rules, such as a 500. */
    void fail(String example) {
        serverErrors.increment();
        if (examples.size() < EXAMPLES) examples.add(example);
    }

    /** The server closed the connection before answering; the write was not acknowledged. */
    void dropped() {
        dropped.increment();
    }

    /** The load generator could not send this request on time, all its connections being busy. */
    void shed() {
        shed.increment();
    }

    Map<Integer, LongAdder> byStatus() {
        return byStatus;
    }

    Iterable<String> examples() {
        return examples;
    }

    private static String abbreviated(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
