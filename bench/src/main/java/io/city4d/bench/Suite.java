package io.city4d.bench;

import io.city4d.bench.report.ResultTable;
import io.city4d.bench.report.Sample;
import io.city4d.bench.scenario.Scenario;
import io.city4d.bench.scenario.Sizes;
import io.city4d.bench.server.StoreChoice;
import java.util.List;

/** Runs scenarios one after the other on one store and gathers every run's figures. */
public final class Suite {
    private final StoreChoice store;
    private final Sizes sizes;
    private final int runs;

    public Suite(StoreChoice store, Sizes sizes, int runs) {
        this.store = store;
        this.sizes = sizes;
        this.runs = runs;
    }

    public ResultTable run(List<Scenario> scenarios) throws Exception {
        ResultTable table = new ResultTable();
        for (Scenario scenario : scenarios) {
            Progress.say("== " + scenario.name() + ": " + scenario.description());
            long start = System.nanoTime();
            try {
                for (List<Sample> run : scenario.measure(store, sizes, runs)) table.add(store.kind(), scenario.name(), run);
            } catch (Exception | AssertionError e) {
                Progress.say("== " + scenario.name() + " FAILED: " + e);
                e.printStackTrace();
                table.fail(store.kind(), scenario.name(), e.toString());
            }
            Progress.say(String.format(java.util.Locale.ROOT, "== %s done in %.1f s", scenario.name(), (System.nanoTime() - start) / 1e9));
        }
        return table;
    }
}
