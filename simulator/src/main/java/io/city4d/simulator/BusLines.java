package io.city4d.simulator;

import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LineString;

/**
 * Three loop bus routes and their buses: the electric shuttle round the lake on Đinh Tiên Hoàng, a loop on the
 * first streets outside the lakeside, and a loop on the outermost streets of the district.
 */
final class BusLines {
    static final String PROFILE = "vehicle";

    private BusLines() {}

    static void addTo(DistrictAssembly assembly, SplittableRandom random, StreetGrid grid) {
        Envelope lakeside = grid.lakeside.getEnvelopeInternal();
        List<Double> west = grid.eastings.stream().filter(x -> x < lakeside.getMinX()).toList();
        List<Double> east = grid.eastings.stream().filter(x -> x > lakeside.getMaxX()).toList();
        List<Double> south = grid.northings.stream().filter(y -> y < lakeside.getMinY()).toList();
        List<Double> north = grid.northings.stream().filter(y -> y > lakeside.getMaxY()).toList();
        addRoute(assembly, random, "01", "Vòng quanh Hồ Gươm", grid.roads.get(0).line());
        addRoute(assembly, random, "02", "Vòng phố cổ", loop(west.getLast(), south.getLast(), east.getFirst(), north.getFirst()));
        addRoute(assembly, random, "03", "Vòng Hoàn Kiếm", loop(west.getFirst(), south.getFirst(), east.getLast(), north.getLast()));
    }

    /** A clockwise loop along four streets, starting at its south-west corner. */
    private static LineString loop(double westX, double southY, double eastX, double northY) {
        return Shapes.line(new Coordinate(westX, southY), new Coordinate(westX, northY), new Coordinate(eastX, northY),
                new Coordinate(eastX, southY), new Coordinate(westX, southY));
    }

    private static void addRoute(DistrictAssembly assembly, SplittableRandom random, String code, String name, LineString line) {
        EntityDraft route = assembly.draft("BusRoute")
                .text("name", "Tuyến " + code + ": " + name)
                .text("routeCode", code)
                .location(line)
                .quantity("length", Math.round(line.getLength()), "MTR");
        assembly.add(route);
        Coordinate start = line.getCoordinateN(0);
        int buses = random.nextInt(2, 5);
        for (int bus = 0; bus < buses; bus++) {
            assembly.addSensed(assembly.draft("Vehicle")
                    .text("vehicleType", "bus")
                    .texts("category", "public")
                    .text("vehiclePlateIdentifier", "29B-%03d.%02d".formatted(random.nextInt(1000), random.nextInt(100)))
                    .location(Shapes.point(start.x, start.y))
                    .relationship("refRoute", route.id()), PROFILE);
        }
    }
}
