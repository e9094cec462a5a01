package io.city4d.simulator;

import org.locationtech.jts.geom.Coordinate;

/** A route polyline in the local metric frame, walked by distance from its start; a distance past the end wraps round. */
final class RouteTrack {
    private final Coordinate[] points;
    private final double[] startOf;
    private final double length;

    RouteTrack(Coordinate[] points) {
        this.points = points.clone();
        this.startOf = new double[points.length];
        for (int i = 1; i < points.length; i++) startOf[i] = startOf[i - 1] + points[i - 1].distance(points[i]);
        this.length = startOf[points.length - 1];
        if (length <= 0) throw new IllegalArgumentException("a route needs a length");
    }

    double length() {
        return length;
    }

    Coordinate pointAt(double distance) {
        int i = segmentAt(distance);
        double along = wrap(distance) - startOf[i];
        return Shapes.offset(points[i], points[i + 1], along, 0);
    }

    /** Compass bearing of travel in degrees: 0 north, 90 east. */
    double bearingAt(double distance) {
        int i = segmentAt(distance);
        double degrees = Math.toDegrees(Math.atan2(points[i + 1].x - points[i].x, points[i + 1].y - points[i].y));
        return (degrees + 360) % 360;
    }

    private int segmentAt(double distance) {
        double d = wrap(distance);
        int i = 0;
        // zero-length segments (repeated points) are skipped, so every chosen segment has a direction
        while (i < points.length - 2 && (d >= startOf[i + 1] || startOf[i + 1] == startOf[i])) i++;
        return i;
    }

    private double wrap(double distance) {
        return ((distance % length) + length) % length;
    }
}
