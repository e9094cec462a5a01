package io.city4d.simulator;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * A flat metric frame centred on Hoan Kiem Lake: x metres east, y metres north. The district is generated here
 * and leaves as WGS 84; over two kilometres the equirectangular mapping is off by far less than a metre.
 */
final class LocalFrame {
    static final double CENTRE_LON = 105.8522;
    static final double CENTRE_LAT = 21.0285;
    static final GeometryFactory GEOMETRY = new GeometryFactory();

    private static final double PHI = Math.toRadians(CENTRE_LAT);
    private static final double METRES_PER_DEGREE_LAT = 111_132.92 - 559.82 * Math.cos(2 * PHI) + 1.175 * Math.cos(4 * PHI);
    private static final double METRES_PER_DEGREE_LON = 111_412.84 * Math.cos(PHI) - 93.5 * Math.cos(3 * PHI);

    private LocalFrame() {}

    static double lon(double x) { return CENTRE_LON + x / METRES_PER_DEGREE_LON; }

    static double lat(double y) { return CENTRE_LAT + y / METRES_PER_DEGREE_LAT; }

    static Coordinate local(double lon, double lat) {
        return new Coordinate((lon - CENTRE_LON) * METRES_PER_DEGREE_LON, (lat - CENTRE_LAT) * METRES_PER_DEGREE_LAT);
    }
}
