package io.city4d.bench.scenario;

import io.city4d.bench.report.Sample;
import io.city4d.bench.server.StoreChoice;
import java.util.List;

/** One benchmark scenario. It measures once per run and returns that run's figures. */
public interface Scenario {

    String name();

    String description();

    /** Runs the scenario {@code runs} times on the given store; one list of samples per run. */
    List<List<Sample>> measure(StoreChoice store, Sizes sizes, int runs) throws Exception;
}
