package io.city4d.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * A water-level gauge. The level is the base level plus the recent rain, each millimetre's effect fading with the
 * gauge's time constant: the lake rises slowly and stays up for days, a street drain fills within the hour and
 * empties in a few.
 */
record WaterGauge(DeviceNoise noise, HanoiWeather weather, boolean lake) implements ReadingSource {

    @Override public void fill(ObjectNode payload, Instant at) {
        // drains also carry the district's waste water, which follows its daily rhythm
        double level = lake
                ? 1.45 + 0.15 * HanoiTime.season(at, 230) + rainResponse(at, 0.004, Duration.ofHours(48), Duration.ofHours(2))
                : 0.12 + 0.03 * Math.max(0, CityRhythm.traffic(at) - 0.5) + rainResponse(at, 0.035, Duration.ofMinutes(90), Duration.ofMinutes(10));
        // a full drain overflows into the street, so its level saturates
        if (!lake) level = 1.8 * Math.tanh(level / 1.8);
        level += 0.005 * noise.smooth("level", HanoiTime.hours(at) * 6);
        payload.put("level", ReadingSource.round(level, 3));
        payload.put("rain", ReadingSource.round(weather.rainLastHour(at), 1));
    }

    /** Metres of rise: the sum over past rain of mm x {@code metresPerMm}, fading exponentially with time constant {@code fading}. */
    private double rainResponse(Instant at, double metresPerMm, Duration fading, Duration step) {
        double stepHours = step.toSeconds() / 3600.0;
        double fadingHours = fading.toSeconds() / 3600.0;
        double rise = 0;
        for (int k = 0; k * stepHours < 5 * fadingHours; k++) {
            double rainMm = weather.rainRate(at.minus(step.multipliedBy(k))) * stepHours;
            rise += rainMm * metresPerMm * Math.exp(-k * stepHours / fadingHours);
        }
        return rise;
    }
}
