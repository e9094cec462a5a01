package io.city4d.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.city4d.core.model.Attribute;
import io.city4d.core.model.GeoProperty;
import io.city4d.core.model.Property;
import io.city4d.core.model.Vocabulary;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import io.city4d.core.testing.Texts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class PayloadMapperTest {
    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    private static final DeviceProfile AIR = profile("air-quality");
    private static final DeviceProfile BUS = profile("vehicle");

    private static DeviceProfile profile(String name) {
        return DeviceRegistry.builtInProfiles().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, Attribute> map(DeviceProfile p, String payload) {
        return PayloadMapper.map(p, payload.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void mapsPayloadKeysThroughTheProfile() {
        Map<String, Attribute> attrs = map(AIR, "{\"pm25\": 31.2, \"pm10\": 48}");
        Property pm25 = (Property) attrs.get(Vocabulary.DEFAULT_CONTEXT + "pm25");
        assertThat(pm25.value().asDouble()).isEqualTo(31.2);
        assertThat(pm25.unitCode()).isEqualTo("GQ");
        assertThat(pm25.observedAt()).isEqualTo(NOW);
        assertThat(map(AIR, "{\"humidity\": 70}")).containsKey(Vocabulary.DEFAULT_CONTEXT + "relativeHumidity");
    }

    @Test
    void readsTheObservationTimeInIsoOrEpochSecondsOrMillis() {
        assertThat(map(AIR, "{\"pm25\":1,\"ts\":\"2026-11-25T07:00:00Z\"}").values().iterator().next().observedAt()).isEqualTo(Instant.parse("2026-11-25T07:00:00Z"));
        assertThat(map(AIR, "{\"pm25\":1,\"ts\":1764054000}").values().iterator().next().observedAt()).isEqualTo(Instant.ofEpochSecond(1764054000));
        assertThat(map(AIR, "{\"pm25\":1,\"ts\":1764054000123}").values().iterator().next().observedAt()).isEqualTo(Instant.ofEpochMilli(1764054000123L));
    }

    @Test
    void latitudeAndLongitudeBecomeTheLocation() {
        Map<String, Attribute> attrs = map(BUS, "{\"lat\":21.03,\"lon\":105.85,\"speed\":22}");
        assertThat(attrs.get(Vocabulary.LOCATION)).isInstanceOf(GeoProperty.class);
        assertThat(((GeoProperty) attrs.get(Vocabulary.LOCATION)).geometry().getCoordinate().x).isEqualTo(105.85);
        assertThatThrownBy(() -> map(BUS, "{\"lat\":21.03}")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> map(BUS, "{\"lat\":121.03,\"lon\":1}")).isInstanceOf(ProblemException.class);
    }

    @Test
    void refusesPayloadsThatDoNotParse() {
        for (String bad : new String[] {"", "{", "[1,2]", "42", "{}", "{\"pm25\":null}", "{\"ts\":\"yesterday\",\"pm25\":1}", "{\"bad key!\":1}"}) {
            assertThatThrownBy(() -> map(AIR, bad)).as(bad).isInstanceOf(ProblemException.class)
                    .extracting(e -> ((ProblemException) e).type()).isEqualTo(ProblemType.BAD_REQUEST_DATA);
        }
    }

    @Test
    void anyBytesMapOrAreRefusedAsBadData() {
        qt().withExamples(2000).forAll(payloads()).describedAs(p -> new String(p, StandardCharsets.UTF_8))
                .checkAssert(payload -> PayloadMapperFuzzTest.mapsOrRefuses(AIR, payload));
    }

    private static Gen<byte[]> payloads() {
        Gen<byte[]> random = Generate.byteArrays(integers().between(0, 200), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
        Gen<byte[]> jsonish = Texts.from("{}[]\":,0123456789.-eEtruefalsnlpm25ts ", 80).map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Generate.oneOf(random, jsonish);
    }
}
