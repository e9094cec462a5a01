package io.city4d.bench.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a soak measured, and whether it passed: the verdicts of issue 7's "Done means". */
final class SoakReport {
    private static final long OUTSIDE_HEAP = 512L << 20;
    private final int minutes;
    private final String store;
    private final int patchRate;
    private final List<Outcomes> outcomes = new ArrayList<>();
    private final List<String> verdicts = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private Ledger ledger;
    private boolean passed = true;

    SoakReport(int minutes, String store, int patchRate) {
        this.minutes = minutes;
        this.store = store;
        this.patchRate = patchRate;
    }

    void load(SoakWrites writes, SoakReads reads, HostileLoad hostile, HealthProbe health, MemorySampler memory, SoakSetup.Receiver receiver,
              boolean serverAlive) {
        ledger = writes.ledger;
        outcomes.addAll(List.of(writes.patches, writes.batches, reads.outcomes, hostile.outcomes));
        long serverErrors = outcomes.stream().mapToLong(o -> o.serverErrors.sum()).sum();
        verdict(serverAlive, "the server ran to the end");
        verdict(serverErrors == 0, String.format(Locale.ROOT, "%,d answers were a 5xx other than 503 with Retry-After", serverErrors));
        verdict(health.overBound.sum() == 0, String.format(Locale.ROOT, "/health: %,d of %,d answers over 100 ms (slowest %.1f ms)",
                health.overBound.sum(), health.asked.sum(), health.slowestNanos.get() / 1e6));
        long limit = memory.heapLimit.get();
        // beside the heap: metaspace and compiled code, the stores' page caches (32 MB per SQLite connection), I/O buffers
        boolean owned = memory.largestOwned.get() <= limit + OUTSIDE_HEAP;
        verdict(limit > 0 && memory.largestHeapUsed.get() <= limit && owned, String.format(Locale.ROOT, "memory: largest heap in use %,d MiB of its limit %,d MiB; "
                + "largest resident set %,d MiB owned (at most the limit and 512 MiB) and %,d MiB of mapped store file (page cache)", memory.largestHeapUsed.get() >> 20, limit >> 20,
                memory.largestOwned.get() >> 20, memory.largestFileMapped.get() >> 20));
        note("MQTT readings acknowledged", String.format(Locale.ROOT, "%,d (%,.0f/s)", writes.mqttAcknowledged.get(), writes.mqttAcknowledged.get() / (minutes * 60.0)));
        note("notifications received", String.format(Locale.ROOT, "%,d carrying %,d entities", receiver.notifications.sum(), receiver.entities.sum()));
        note("hostile requests the server closed without an answer", String.format(Locale.ROOT, "%,d", hostile.unanswered.sum()));
    }

    Ledger ledger() {
        return ledger;
    }

    void checked(AcknowledgedWrites.Result result) {
        verdict(result.lost() == 0, String.format(Locale.ROOT, "after kill -9 and restart: %,d of %,d acknowledged writes (over %,d entities) lost%s",
                result.lost(), ledger.total(), result.entities(), result.examples().isEmpty() ? "" : ": " + String.join("; ", result.examples())));
    }

    void note(String name, String value) {
        notes.put(name, value);
    }

    boolean passed() {
        return passed;
    }

    private void verdict(boolean ok, String text) {
        passed &= ok;
        verdicts.add((ok ? "PASS " : "FAIL ") + text);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Soak of %d minutes on %s, PATCHes offered at %,d/s%n%n", minutes, store, patchRate));
        for (String verdict : verdicts) md.append("- ").append(verdict).append('\n');
        md.append("\n| Load | 2xx | 429 / 503 with Retry-After | other 4xx | failures | connections dropped | shed by the load generator | statuses |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Outcomes o : outcomes) {
            StringBuilder statuses = new StringBuilder();
            new java.util.TreeMap<>(o.byStatus()).forEach((status, n) -> statuses.append(status).append(": ").append(String.format(Locale.ROOT, "%,d", n.sum())).append(' '));
            md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d | %,d | %s |%n", o.name, o.succeeded.sum(), o.refused.sum(),
                    o.clientErrors.sum(), o.serverErrors.sum(), o.dropped.sum(), o.shed.sum(), statuses.toString().trim()));
            for (String example : o.examples()) md.append("  - ").append(o.name).append(": ").append(example).append('\n');
        }
        md.append('\n');
        notes.forEach((name, value) -> md.append("- ").append(name).append(": ").append(value).append('\n'));
        return md.toString();
    }
}
