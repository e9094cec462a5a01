package io.city4d.bench.report;

/** A figure a scenario measures: its name, unit, the design target (may be null) and what peers measured (may be empty). */
public record Metric(String name, String unit, Goal goal, String peers) {

    public static Metric of(String name, String unit) {
        return new Metric(name, unit, null, "");
    }

    public Metric goal(Goal newGoal) {
        return new Metric(name, unit, newGoal, peers);
    }

    public Metric peers(String text) {
        return new Metric(name, unit, goal, text);
    }
}
