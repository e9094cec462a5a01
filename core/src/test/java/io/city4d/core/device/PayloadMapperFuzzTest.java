package io.city4d.core.device;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.city4d.core.model.Attribute;
import io.city4d.core.model.Times;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Device payloads, any bytes through every built-in profile: readings stamped within the years 0000 to 9999, or
 * 400 BadRequestData. Corpus: PayloadMapperFuzzTestInputs/payload.
 */
class PayloadMapperFuzzTest {
    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    private static final List<DeviceProfile> PROFILES = DeviceRegistry.builtInProfiles();

    @FuzzTest
    void payload(byte[] input) {
        for (DeviceProfile profile : PROFILES) {
            Map<String, Attribute> readings = mapsOrRefuses(profile, input);
            if (readings == null) continue;
            for (Attribute reading : readings.values()) {
                assertThat(reading.observedAt()).as("%s through %s", new String(input, UTF_8), profile.name()).isBetween(Times.MIN, Times.MAX);
            }
        }
    }

    /** The readings the payload maps to, never none; or null when it is refused as bad data. */
    static Map<String, Attribute> mapsOrRefuses(DeviceProfile profile, byte[] payload) {
        try {
            Map<String, Attribute> readings = PayloadMapper.map(profile, payload, NOW);
            assertThat(readings).as(new String(payload, UTF_8)).isNotEmpty();
            return readings;
        } catch (ProblemException refusal) {
            assertThat(refusal.type()).as(new String(payload, UTF_8)).isEqualTo(ProblemType.BAD_REQUEST_DATA);
            return null;
        }
    }
}
