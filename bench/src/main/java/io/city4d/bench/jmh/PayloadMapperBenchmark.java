package io.city4d.bench.jmh;

import io.city4d.core.device.DeviceProfile;
import io.city4d.core.device.DeviceRegistry;
import io.city4d.core.device.PayloadMapper;
import io.city4d.core.model.Attribute;
import java.time.Instant;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Mapping a device payload onto attributes through its profile, for every MQTT and HTTP reading. */
@State(Scope.Benchmark)
public class PayloadMapperBenchmark {
    DeviceProfile airQuality;
    Instant now = Instant.parse("2026-11-25T08:00:01Z");

    @Setup
    public void setUp() {
        airQuality = DeviceRegistry.builtInProfiles().stream().filter(p -> p.name().equals("air-quality")).findFirst().orElseThrow();
    }

    @Benchmark
    public Map<String, Attribute> map() {
        return PayloadMapper.map(airQuality, BenchData.DEVICE_PAYLOAD, now);
    }
}
