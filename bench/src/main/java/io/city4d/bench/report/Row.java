package io.city4d.bench.report;

import java.util.List;

/** A metric of a scenario on a store, with the values of all runs and their median. */
public record Row(String store, String scenario, Metric metric, List<Double> runs) {

    public double median() {
        double[] sorted = runs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) return Double.NaN;
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** "met", "missed (3.2x below)", or "" when the metric has no target. */
    public String verdict() {
        Goal goal = metric.goal();
        if (goal == null || Double.isNaN(median())) return "";
        return goal.metBy(median()) ? "met" : "missed (" + goal.shortfall(median()) + ")";
    }
}
