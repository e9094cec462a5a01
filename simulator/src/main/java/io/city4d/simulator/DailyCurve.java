package io.city4d.simulator;

import java.util.Arrays;

/** A value over the day, given at knot hours and linear between them; it wraps from the last knot to the first. */
final class DailyCurve {
    private final double[] hours;
    private final double[] values;

    private DailyCurve(double[] hours, double[] values) {
        this.hours = hours;
        this.values = values;
    }

    /** Knots as hour, value, hour, value... with hours rising within [0, 24). */
    static DailyCurve of(double... hourValuePairs) {
        int n = hourValuePairs.length / 2;
        double[] hours = new double[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            hours[i] = hourValuePairs[2 * i];
            values[i] = hourValuePairs[2 * i + 1];
        }
        return new DailyCurve(hours, values);
    }

    double at(double hour) {
        int next = Arrays.binarySearch(hours, hour);
        if (next >= 0) return values[next];
        next = -next - 1;
        int previous = next - 1;
        double fromHour = previous < 0 ? hours[hours.length - 1] - 24 : hours[previous];
        double fromValue = values[previous < 0 ? hours.length - 1 : previous];
        double toHour = next == hours.length ? hours[0] + 24 : hours[next];
        double toValue = values[next == hours.length ? 0 : next];
        return fromValue + (toValue - fromValue) * (hour - fromHour) / (toHour - fromHour);
    }

    /** The area under the curve between two hours of the same day, exact for the piecewise-linear curve. */
    double integral(double fromHour, double toHour) {
        double area = 0;
        double t = fromHour;
        for (double knot : hours) {
            if (knot <= t) continue;
            if (knot >= toHour) break;
            area += (knot - t) * (at(t) + at(knot)) / 2;
            t = knot;
        }
        return area + (toHour - t) * (at(t) + at(toHour)) / 2;
    }
}
