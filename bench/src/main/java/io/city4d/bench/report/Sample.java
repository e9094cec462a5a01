package io.city4d.bench.report;

/** One run's value of a metric. */
public record Sample(Metric metric, double value) {}
