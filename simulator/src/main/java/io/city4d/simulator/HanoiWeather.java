package io.city4d.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * The district's weather, the same for every sensor: Hanoi's humid subtropical climate, cool and drizzly in winter
 * (January means about 17 °C), hot with heavy showers from May to October (July about 30 °C, August the wettest).
 */
final class HanoiWeather {
    private static final double RAIN_WINDOW_HOURS = 6;
    private static final double MAX_SHOWER_HOURS = 4;

    private final long seed;

    HanoiWeather(long seed) {
        this.seed = seed;
    }

    /** Air temperature in °C: seasonal mean, a day-to-day swing, and the daily curve (coolest before dawn, warmest at 14:00). */
    double temperature(Instant at) {
        double seasonal = 23.3 - 6.7 * HanoiTime.season(at, 15);
        double spell = 2.5 * Noise.smooth(seed, "weather/spell", HanoiTime.hours(at) / 48);
        double cooling = Math.min(3, rainRate(at) / 3);
        return seasonal + spell + 3.5 * dailyShape(HanoiTime.hourOfDay(at)) - cooling;
    }

    /** Relative humidity in %: high all year, highest in the spring drizzle, lower in the warm afternoons, saturated in rain. */
    double humidity(Instant at) {
        double seasonal = 79 + 5 * HanoiTime.season(at, 75);
        double afternoonDrying = -9 * dailyShape(HanoiTime.hourOfDay(at));
        double wet = Math.min(15, 3 * rainRate(at));
        return Math.clamp(seasonal + afternoonDrying + wet + 4 * Noise.smooth(seed, "weather/humidity", HanoiTime.hours(at) / 6), 35, 100);
    }

    /** A factor around 1 on air pollution: spells of a day or two of still air trap it, fresh winds clear it. */
    double stagnation(Instant at) {
        return Math.exp(0.3 * Noise.smooth(seed, "weather/stagnation", HanoiTime.hours(at) / 36));
    }

    /** Rainfall intensity in mm/h: showers of up to four hours, common and heavy in the wet season, rare in winter. */
    double rainRate(Instant at) {
        double hours = HanoiTime.hours(at);
        long window = (long) Math.floor(hours / RAIN_WINDOW_HOURS);
        // a shower starts within its window and ends at most MAX_SHOWER_HOURS later, so only this window and the one before can be raining
        return shower(window, hours) + shower(window - 1, hours);
    }

    /** Rain over the hour up to {@code at}, in mm. */
    double rainLastHour(Instant at) {
        double sum = 0;
        for (int minutes = 0; minutes < 60; minutes += 5) sum += rainRate(at.minus(Duration.ofMinutes(minutes)));
        return sum / 12;
    }

    private double shower(long window, double hours) {
        Instant windowStart = Instant.ofEpochSecond((long) (window * RAIN_WINDOW_HOURS * 3600));
        double wetness = Math.pow((1 + HanoiTime.season(windowStart, 225)) / 2, 2);
        if (Noise.unit(seed, "rain/happens", window) >= 0.012 + 0.17 * wetness) return 0;
        double start = window * RAIN_WINDOW_HOURS + Noise.unit(seed, "rain/start", window) * RAIN_WINDOW_HOURS;
        double length = 0.5 + Noise.unit(seed, "rain/length", window) * (MAX_SHOWER_HOURS - 0.5);
        double into = (hours - start) / length;
        if (into <= 0 || into >= 1) return 0;
        // most showers are light; a few are the 50+ mm/h downpours that flood Hanoi's streets
        double peak = Math.min(80, -Math.log(1 - Noise.unit(seed, "rain/peak", window)) * (3 + 9 * wetness));
        return peak * (1 - Math.abs(2 * into - 1));
    }

    /** -1 at 05:30, +1 at 14:00: a quick morning rise and a slow fall through the evening and night. */
    static double dailyShape(double hour) {
        double rise = 8.5;
        double sinceCoolest = (hour - 5.5 + 24) % 24;
        return sinceCoolest < rise ? -Math.cos(Math.PI * sinceCoolest / rise) : Math.cos(Math.PI * (sinceCoolest - rise) / (24 - rise));
    }
}
