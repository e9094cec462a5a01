package io.city4d.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.city4d.core.model.Attribute;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A device's numeric time is seconds or milliseconds since 1970, within the years that text times allow. */
class PayloadTimeTest {
    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    private static final DeviceProfile AIR = DeviceRegistry.builtInProfiles().stream().filter(p -> p.name().equals("air-quality")).findFirst().orElseThrow();

    private static Instant observedAt(String ts) {
        Map<String, Attribute> attributes = PayloadMapper.map(AIR, ("{\"pm25\": 1, \"ts\": " + ts + "}").getBytes(StandardCharsets.UTF_8), NOW);
        return attributes.values().iterator().next().observedAt();
    }

    @Test
    void secondsAndMillisecondsAreRead() {
        assertThat(observedAt("1764057600")).isEqualTo(Instant.parse("2025-11-25T08:00:00Z"));
        assertThat(observedAt("1764057600.25")).isEqualTo(Instant.parse("2025-11-25T08:00:00.250Z"));
        assertThat(observedAt("1764057600123")).isEqualTo(Instant.parse("2025-11-25T08:00:00.123Z"));
        assertThat(observedAt("0")).isEqualTo(Instant.EPOCH);
        assertThat(observedAt("253402300799999")).isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
    }

    @Test
    void timesOutsideTheYears0000To9999AreRefused() {
        for (String ts : new String[] {"1e20", "99999999999999999999", "1e308", "-1e308", "253402300800000", "-62167219200001"}) {
            assertThatThrownBy(() -> observedAt(ts)).as(ts).isInstanceOfSatisfying(ProblemException.class, e -> {
                assertThat(e.type()).isEqualTo(ProblemType.BAD_REQUEST_DATA);
                assertThat(e.detail()).contains("payload ts").contains("years 0000 and 9999");
            });
        }
    }
}
