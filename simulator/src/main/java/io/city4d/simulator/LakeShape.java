package io.city4d.simulator;

import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/** Hoan Kiem Lake: a long oval, about 700 m north to south and 250 m across, leaning a little, with a gently wavy shore. */
final class LakeShape {
    private static final int VERTICES = 64;

    private LakeShape() {}

    static Polygon generate(SplittableRandom random) {
        double halfLength = 330 + random.nextDouble(30);
        double halfWidth = 115 + random.nextDouble(20);
        double lean = Math.toRadians(-12 + random.nextDouble(6));
        double phase3 = random.nextDouble(2 * Math.PI);
        double phase5 = random.nextDouble(2 * Math.PI);
        Coordinate[] shore = new Coordinate[VERTICES + 1];
        for (int i = 0; i < VERTICES; i++) {
            double angle = 2 * Math.PI * i / VERTICES;
            // low harmonics only, so the radius stays positive and the shore never crosses itself
            double wobble = 1 + 0.035 * Math.sin(3 * angle + phase3) + 0.02 * Math.sin(5 * angle + phase5);
            double x = halfWidth * Math.cos(angle) * wobble;
            double y = halfLength * Math.sin(angle) * wobble;
            shore[i] = new Coordinate(x * Math.cos(lean) - y * Math.sin(lean), x * Math.sin(lean) + y * Math.cos(lean));
        }
        shore[VERTICES] = shore[0].copy();
        return LocalFrame.GEOMETRY.createPolygon(shore);
    }
}
