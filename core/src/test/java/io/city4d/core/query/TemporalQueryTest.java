package io.city4d.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.query.TemporalQuery.Aggregation;
import io.city4d.core.query.TemporalQuery.Method;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemporalQueryTest {
    @Test
    void aZeroPeriodSpansTheWholeTimeRangeAndANegativeOneIsRefused() {
        assertThat(new Aggregation(List.of(Method.AVG), Duration.ZERO).period()).isNull();
        assertThat(new Aggregation(List.of(Method.AVG), Duration.ofHours(1)).period()).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> new Aggregation(List.of(Method.AVG), Duration.ofSeconds(-1))).isInstanceOf(ProblemException.class);
    }
}
