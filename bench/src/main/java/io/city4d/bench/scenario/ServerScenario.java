package io.city4d.bench.scenario;

import io.city4d.bench.Progress;
import io.city4d.bench.report.Sample;
import io.city4d.bench.server.BenchServer;
import io.city4d.bench.server.StoreChoice;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario against one in-process server: prepared once, then measured run after run on the same server (or on
 * a fresh server for each run, for scenarios whose runs must not see each other's data).
 */
abstract class ServerScenario implements Scenario {

    /** Loads what every run needs; not measured. */
    void prepare(BenchServer server, Sizes sizes) throws Exception {}

    /** Frees what {@link #prepare} set up besides the server. */
    void release() {}

    abstract List<Sample> measureOnce(BenchServer server, Sizes sizes, int run) throws Exception;

    boolean freshServerPerRun() {
        return false;
    }

    @Override
    public final List<List<Sample>> measure(StoreChoice store, Sizes sizes, int runs) throws Exception {
        List<List<Sample>> results = new ArrayList<>();
        BenchServer server = null;
        try {
            for (int run = 1; run <= runs; run++) {
                if (server == null) {
                    server = new BenchServer(store);
                    prepare(server, sizes);
                }
                Progress.say("[" + name() + "] run " + run + "/" + runs + " on " + store.kind());
                results.add(measureOnce(server, sizes, run));
                if (freshServerPerRun()) {
                    stop(server);
                    server = null;
                }
            }
        } finally {
            if (server != null) stop(server);
        }
        return results;
    }

    private void stop(BenchServer server) {
        try {
            release();
        } finally {
            server.close();
        }
    }
}
