package io.city4d.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A people counter with a CO₂ sensor: the building fills to the daily pattern of its kind, and CO₂ rises with the people. */
record OccupancyCounter(DeviceNoise noise, int capacity, BuildingKind kind) implements ReadingSource {
    private static final DailyCurve CLOSED = DailyCurve.of(0, 0.02);
    private static final DailyCurve OFFICE_HOURS = DailyCurve.of(0, 0.02, 6.5, 0.03, 7.5, 0.3, 8.5, 0.85, 11.5, 0.9, 12.2, 0.55,
            13.2, 0.85, 17, 0.8, 18.5, 0.25, 20, 0.06);
    private static final DailyCurve SHOP_HOURS = DailyCurve.of(0, 0.01, 8, 0.02, 9, 0.3, 12, 0.5, 15, 0.45, 19, 0.8, 21, 0.7, 22.5, 0.05);
    private static final DailyCurve SHOP_WEEKEND_HOURS = DailyCurve.of(0, 0.01, 8, 0.02, 9, 0.45, 12, 0.7, 16, 0.75, 19.5, 0.95, 22, 0.8, 23, 0.05);
    private static final DailyCurve HOTEL_GUESTS = DailyCurve.of(0, 0.75, 7, 0.7, 9, 0.45, 12, 0.3, 16, 0.35, 19, 0.5, 22, 0.7);
    private static final DailyCurve SCHOOL_HOURS = DailyCurve.of(0, 0.0, 6.8, 0.02, 7.3, 0.9, 11.3, 0.9, 12, 0.6, 13.5, 0.9, 16.8, 0.85, 17.5, 0.1, 18.5, 0.0);
    private static final DailyCurve PUBLIC_HOURS = DailyCurve.of(0, 0.0, 7.5, 0.02, 8.5, 0.5, 11.5, 0.55, 13.5, 0.5, 16.5, 0.45, 17.5, 0.05);

    @Override public void fill(ObjectNode payload, Instant at) {
        double hours = HanoiTime.hours(at);
        double share = Math.clamp(pattern(at).at(HanoiTime.hourOfDay(at)) * (1 + 0.12 * noise.smooth("people", hours * 3)), 0, 1);
        int people = (int) Math.round(capacity * share);
        double co2 = 420 + 850 * share + 25 * noise.smooth("co2", hours * 3);
        payload.put("people", people);
        payload.put("co2", Math.round(co2));
    }

    private DailyCurve pattern(Instant at) {
        boolean weekend = HanoiTime.isWeekend(at);
        return switch (kind) {
            case OFFICE -> weekend ? CLOSED : OFFICE_HOURS;
            case SCHOOL -> weekend ? CLOSED : SCHOOL_HOURS;
            case PUBLIC -> weekend ? CLOSED : PUBLIC_HOURS;
            case COMMERCIAL, RETAIL -> weekend ? SHOP_WEEKEND_HOURS : SHOP_HOURS;
            case HOTEL -> HOTEL_GUESTS;
            case RESIDENTIAL, TEMPLE -> throw new IllegalStateException("no people counter in a " + kind.category + " building");
        };
    }
}
