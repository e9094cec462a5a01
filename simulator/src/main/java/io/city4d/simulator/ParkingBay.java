package io.city4d.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A parking-bay sensor. Each bay is re-drawn every 20 minutes (offset per bay) against the demand of the hour, so a
 * car stays a while and the street fills in the day: kerbsides most in the evening round the lake, car parks in
 * office hours.
 */
record ParkingBay(DeviceNoise noise, boolean kerbside) implements ReadingSource {
    private static final long STAY_SECONDS = 1200;
    private static final DailyCurve KERB_WEEKDAY = DailyCurve.of(0, 0.25, 5, 0.15, 8, 0.55, 10, 0.85, 12, 0.75, 14, 0.8,
            17, 0.85, 19, 0.92, 21, 0.8, 23, 0.4);
    private static final DailyCurve KERB_WEEKEND = DailyCurve.of(0, 0.3, 5, 0.15, 9, 0.45, 12, 0.7, 16, 0.85, 19, 0.97,
            22, 0.9, 23.5, 0.5);
    private static final DailyCurve CAR_PARK_WEEKDAY = DailyCurve.of(0, 0.12, 6, 0.15, 7.5, 0.45, 9, 0.9, 12, 0.85, 17, 0.8,
            19, 0.5, 22, 0.2);
    private static final DailyCurve CAR_PARK_WEEKEND = DailyCurve.of(0, 0.15, 8, 0.25, 11, 0.6, 15, 0.8, 20, 0.9, 23, 0.3);

    @Override public void fill(ObjectNode payload, Instant at) {
        long phase = (long) (noise.unit("phase", 0) * STAY_SECONDS);
        long slot = Math.floorDiv(at.getEpochSecond() + phase, STAY_SECONDS);
        Instant slotStart = Instant.ofEpochSecond(slot * STAY_SECONDS - phase);
        boolean occupied = noise.unit("occupied", slot) < demand(slotStart);
        payload.put("status", occupied ? "occupied" : "free");
    }

    private double demand(Instant at) {
        boolean weekend = HanoiTime.isWeekend(at);
        DailyCurve curve = kerbside ? (weekend ? KERB_WEEKEND : KERB_WEEKDAY) : (weekend ? CAR_PARK_WEEKEND : CAR_PARK_WEEKDAY);
        return curve.at(HanoiTime.hourOfDay(at));
    }
}
