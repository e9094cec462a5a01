package io.city4d.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A roadside air-quality station. Hanoi's fine dust comes from traffic and is worst in the dry, still winter; it
 * peaks in the rush hours, and rain washes it out. Ozone follows the sun instead.
 */
record AirQualityStation(DeviceNoise noise, HanoiWeather weather) implements ReadingSource {

    @Override public void fill(ObjectNode payload, Instant at) {
        double hours = HanoiTime.hours(at);
        // stations by busier roads read higher
        double siteFactor = 0.9 + 0.25 * noise.unit("site", 0);
        double traffic = CityRhythm.traffic(at);
        double rain = weather.rainRate(at);
        double winter = HanoiTime.season(at, 15);
        double pm25 = (48 + 24 * winter)
                * weather.stagnation(at)
                * (0.7 + 0.5 * traffic)
                * siteFactor
                / (1 + rain / 8)
                * (1 + 0.08 * noise.smooth("pm25", hours * 2));
        double pm10 = pm25 * (1.5 + 0.15 * noise.smooth("pm10", hours));
        double no2 = (18 + 38 * traffic) * siteFactor * (1 + 0.15 * winter) * (1 + 0.1 * noise.smooth("no2", hours * 2));
        double sun = Math.max(0, Math.sin(Math.PI * (HanoiTime.hourOfDay(at) - 6.5) / 12.5)) / (1 + rain / 2);
        double o3 = Math.max(3, 12 + 75 * sun - 0.15 * no2 + 6 * noise.smooth("o3", hours));
        double co = (0.5 + 1.3 * traffic) * siteFactor * (1 + 0.05 * noise.smooth("co", hours * 2));
        payload.put("pm25", ReadingSource.round(pm25, 1));
        payload.put("pm10", ReadingSource.round(pm10, 1));
        payload.put("no2", ReadingSource.round(no2, 1));
        payload.put("o3", ReadingSource.round(o3, 1));
        payload.put("co", ReadingSource.round(co, 2));
        payload.put("temperature", ReadingSource.round(weather.temperature(at) + 0.3 * noise.smooth("temperature", hours), 1));
        payload.put("humidity", ReadingSource.round(weather.humidity(at), 0));
    }
}
