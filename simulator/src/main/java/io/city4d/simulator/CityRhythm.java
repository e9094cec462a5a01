package io.city4d.simulator;

import java.time.Instant;

/** How busy Hanoi's streets are over the day, from 0 (deep night) to 1 (the worst of rush hour). */
final class CityRhythm {
    private static final DailyCurve WEEKDAY_TRAFFIC = DailyCurve.of(0, 0.12, 3, 0.06, 5, 0.2, 6.5, 0.6, 7.5, 0.95, 8.2, 1.0,
            9.3, 0.7, 11.5, 0.65, 12.5, 0.55, 14, 0.62, 16, 0.75, 17.5, 1.0, 18.5, 0.95, 19.5, 0.7, 21, 0.5, 23, 0.25);
    // no morning rush at the weekend, and busy evenings: the streets round the lake become a walking street
    private static final DailyCurve WEEKEND_TRAFFIC = DailyCurve.of(0, 0.15, 3, 0.06, 6, 0.2, 9, 0.5, 12, 0.6, 15, 0.6,
            18, 0.8, 20, 0.85, 22, 0.55);

    private CityRhythm() {}

    static double traffic(Instant at) {
        return (HanoiTime.isWeekend(at) ? WEEKEND_TRAFFIC : WEEKDAY_TRAFFIC).at(HanoiTime.hourOfDay(at));
    }
}
