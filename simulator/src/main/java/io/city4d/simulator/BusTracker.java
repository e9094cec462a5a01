package io.city4d.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.locationtech.jts.geom.Coordinate;

/**
 * A bus's GPS tracker. Buses run 05:00 to 22:00 round their loop, each leaving the terminus a quarter of an hour
 * after the one before, slowed by the rush hours. At 22:00 a bus finishes its lap and waits at the terminus until
 * the next morning, so its position is a continuous function of time.
 */
record BusTracker(DeviceNoise noise, RouteTrack track, String routeCode, int busOnRoute) implements ReadingSource {
    private static final double FIRST_DEPARTURE = 5;
    private static final double LAST_HOUR = 22;
    private static final double HEADWAY_HOURS = 0.25;
    private static final DailyCurve SPEED_KMH = DailyCurve.of(0, 22, 5, 22, 6.5, 18, 7.5, 12, 8.5, 11, 9.5, 16, 12, 18,
            16.5, 15, 17.5, 11, 18.5, 10, 19.5, 14, 22, 20);

    @Override public void fill(ObjectNode payload, Instant at) {
        double hour = HanoiTime.hourOfDay(at);
        double distance = distanceToday(hour);
        boolean moving = hour > departure() && distance < lapEnd();
        double speed = moving ? SPEED_KMH.at(hour) * (1 + 0.1 * noise.smooth("speed", HanoiTime.hours(at) * 60)) : 0;
        Coordinate position = track.pointAt(distance);
        payload.put("lat", ReadingSource.round(LocalFrame.lat(position.y), 7));
        payload.put("lon", ReadingSource.round(LocalFrame.lon(position.x), 7));
        payload.put("speed", ReadingSource.round(speed, 1));
        payload.put("bearing", Math.round(track.bearingAt(distance)));
        payload.put("route", routeCode);
    }

    /** Metres driven since this morning's departure. */
    private double distanceToday(double hour) {
        if (hour <= departure()) return 0;
        if (hour <= LAST_HOUR) return metres(departure(), hour);
        return Math.min(lapEnd(), metres(departure(), LAST_HOUR) + SPEED_KMH.at(LAST_HOUR) * 1000 * (hour - LAST_HOUR));
    }

    /** Where the day's last lap ends: the first return to the terminus at or after 22:00. */
    private double lapEnd() {
        return Math.ceil(metres(departure(), LAST_HOUR) / track.length()) * track.length();
    }

    private double departure() {
        return FIRST_DEPARTURE + busOnRoute * HEADWAY_HOURS;
    }

    private static double metres(double fromHour, double toHour) {
        return SPEED_KMH.integral(fromHour, toHour) * 1000;
    }
}
