package io.city4d.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RowTest {
    private final Metric rate = Metric.of("updates", "/s").goal(Goal.atLeast(30_000, ">= 30,000/s"));
    private final Metric latency = Metric.of("p50", "ms").goal(Goal.atMost(2, "p50 <= 2 ms"));

    @Test
    void theMedianOfAnOddOrEvenNumberOfRuns() {
        assertThat(new Row("sqlite", "s", rate, List.of(3.0, 1.0, 2.0)).median()).isEqualTo(2.0);
        assertThat(new Row("sqlite", "s", rate, List.of(4.0, 1.0, 2.0, 3.0)).median()).isEqualTo(2.5);
    }

    @Test
    void theVerdictSaysByHowMuchATargetIsMissed() {
        assertThat(new Row("sqlite", "s", rate, List.of(10_000.0)).verdict()).isEqualTo("missed (3.0x below)");
        assertThat(new Row("sqlite", "s", rate, List.of(40_000.0)).verdict()).isEqualTo("met");
        assertThat(new Row("sqlite", "s", latency, List.of(5.0)).verdict()).isEqualTo("missed (2.5x above)");
        assertThat(new Row("sqlite", "s", Metric.of("x", "ms"), List.of(5.0)).verdict()).isEmpty();
    }
}
