package io.city4d.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * A structural-health monitor. The natural frequency follows the rule of thumb f = 10 / floors Hz and drops a little
 * in the heat; strain and tilt breathe with the temperature; vibration follows the traffic. About one building in six
 * is slowly deteriorating: its tilt grows and its frequency falls, day after day, which is what should call for a repair.
 */
record StructuralMonitor(DeviceNoise noise, HanoiWeather weather, int floors) implements ReadingSource {
    private static final Instant DETERIORATION_START = Instant.parse("2025-01-01T00:00:00Z");

    @Override public void fill(ObjectNode payload, Instant at) {
        double baseFrequency = 10.0 / Math.max(1, floors);
        double baseStrain = 60 + 120 * noise.unit("base strain", 0);
        double baseTilt = 0.02 + 0.12 * noise.unit("base tilt", 0);
        boolean deteriorating = noise.unit("deteriorating", 0) < 1 / 6.0;
        double hours = HanoiTime.hours(at);
        double temperature = weather.temperature(at) + 1.5 * HanoiWeather.dailyShape(HanoiTime.hourOfDay(at));
        double days = deteriorating ? Math.max(0, Duration.between(DETERIORATION_START, at).toHours() / 24.0) : 0;
        double frequency = baseFrequency * (1 - 0.0015 * (temperature - 20)) * (1 - Math.min(0.25, 0.0004 * days))
                * (1 + 0.005 * noise.smooth("frequency", hours * 4));
        double vibration = (0.002 + 0.02 * CityRhythm.traffic(at)) * (1 + 0.3 * noise.smooth("vibration", hours * 30));
        double strain = baseStrain + 6 * (temperature - 20) + 4 * noise.smooth("strain", hours * 4);
        double tilt = baseTilt + 0.004 * HanoiWeather.dailyShape(HanoiTime.hourOfDay(at)) + Math.min(1.5, 0.0006 * days)
                + 0.001 * noise.smooth("tilt", hours * 4);
        payload.put("vibration", ReadingSource.round(vibration, 4));
        payload.put("strain", ReadingSource.round(strain, 1));
        payload.put("tilt", ReadingSource.round(tilt, 4));
        payload.put("frequency", ReadingSource.round(frequency, 3));
        payload.put("temperature", ReadingSource.round(temperature, 1));
    }
}
