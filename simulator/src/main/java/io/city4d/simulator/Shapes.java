package io.city4d.simulator;

import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** Small geometry helpers of the local metric frame. */
final class Shapes {
    private Shapes() {}

    static Point point(double x, double y) {
        return LocalFrame.GEOMETRY.createPoint(new Coordinate(x, y));
    }

    static LineString line(Coordinate... coordinates) {
        return LocalFrame.GEOMETRY.createLineString(coordinates);
    }

    static Polygon rectangle(double minX, double minY, double maxX, double maxY) {
        return LocalFrame.GEOMETRY.createPolygon(new Coordinate[] {
                new Coordinate(minX, minY), new Coordinate(maxX, minY), new Coordinate(maxX, maxY), new Coordinate(minX, maxY), new Coordinate(minX, minY)});
    }

    /** A width x depth rectangle centred on (x, y) and turned counterclockwise by {@code turn} radians. */
    static Polygon rectangle(double x, double y, double width, double depth, double turn) {
        double cos = Math.cos(turn);
        double sin = Math.sin(turn);
        double[][] corners = {{-width / 2, -depth / 2}, {width / 2, -depth / 2}, {width / 2, depth / 2}, {-width / 2, depth / 2}};
        Coordinate[] ring = new Coordinate[5];
        for (int i = 0; i < 4; i++) {
            ring[i] = new Coordinate(x + corners[i][0] * cos - corners[i][1] * sin, y + corners[i][0] * sin + corners[i][1] * cos);
        }
        ring[4] = ring[0].copy();
        return LocalFrame.GEOMETRY.createPolygon(ring);
    }

    /** The point {@code along} metres from the start of a straight segment, moved {@code aside} metres to its left. */
    static Coordinate offset(Coordinate start, Coordinate end, double along, double aside) {
        double length = start.distance(end);
        double ux = (end.x - start.x) / length;
        double uy = (end.y - start.y) / length;
        return new Coordinate(start.x + ux * along - uy * aside, start.y + uy * along + ux * aside);
    }

    static <T> T pick(SplittableRandom random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    static <T> void shuffle(SplittableRandom random, List<T> items) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = items.get(i);
            items.set(i, items.get(j));
            items.set(j, t);
        }
    }
}
