package io.city4d.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/** Air-quality stations on the pavements, and water-level gauges at both ends of the lake and in street drains. */
final class StreetSensors {
    static final String AIR_QUALITY = "air-quality";
    static final String WATER_LEVEL = "water-level";
    static final String LAKE = "lake";
    static final String DRAIN = "drain";
    private static final int AIR_QUALITY_STATIONS = 7;
    private static final int DRAIN_GAUGES = 5;
    private static final double GAUGE_FROM_SHORE = 3;

    private StreetSensors() {}

    static void addTo(DistrictAssembly assembly, SplittableRandom random, Polygon lake, StreetGrid grid, Wards wards) {
        addAirQualityStations(assembly, random, grid, wards);
        addLakeGauges(assembly, lake);
        addDrainGauges(assembly, random, grid);
    }

    private static void addAirQualityStations(DistrictAssembly assembly, SplittableRandom random, StreetGrid grid, Wards wards) {
        for (int i = 0; i < AIR_QUALITY_STATIONS; i++) {
            Road road = Shapes.pick(random, grid.streets());
            Coordinate start = road.line().getCoordinateN(0);
            Coordinate end = road.line().getCoordinateN(road.line().getNumPoints() - 1);
            Coordinate at = Shapes.offset(start, end, random.nextDouble(10, road.length() - 10), (random.nextBoolean() ? 1 : -1) * (road.halfWidth() - 2));
            assembly.addSensed(assembly.draft("AirQualityObserved")
                    .text("name", "Trạm quan trắc không khí " + road.name())
                    .location(Shapes.point(at.x, at.y))
                    .text("typeOfLocation", "outdoor")
                    .text("areaServed", "Phường " + wards.nameAt(at)), AIR_QUALITY);
        }
    }

    private static void addLakeGauges(DistrictAssembly assembly, Polygon lake) {
        Coordinate[] shore = lake.getExteriorRing().getCoordinates();
        Coordinate north = Arrays.stream(shore).max(Comparator.comparingDouble(c -> c.y)).orElseThrow();
        Coordinate south = Arrays.stream(shore).min(Comparator.comparingDouble(c -> c.y)).orElseThrow();
        addGauge(assembly, "Hồ Hoàn Kiếm, bờ bắc", LAKE, Shapes.offset(north, new Coordinate(0, 0), GAUGE_FROM_SHORE, 0), 1.5, 1.9, 2.2);
        addGauge(assembly, "Hồ Hoàn Kiếm, bờ nam", LAKE, Shapes.offset(south, new Coordinate(0, 0), GAUGE_FROM_SHORE, 0), 1.5, 1.9, 2.2);
    }

    private static void addDrainGauges(DistrictAssembly assembly, SplittableRandom random, StreetGrid grid) {
        List<Coordinate> crossings = new ArrayList<>();
        for (double x : grid.eastings) {
            for (double y : grid.northings) {
                // a drain at the kerb of the crossing, never inside the lakeside park
                if (!grid.lakeside.isWithinDistance(Shapes.point(x, y), 20)) crossings.add(new Coordinate(x + 4, y + 4));
            }
        }
        Shapes.shuffle(random, crossings);
        for (Coordinate at : crossings.subList(0, DRAIN_GAUGES)) {
            addGauge(assembly, "Cống thoát nước " + grid.nearestRoad(Shapes.point(at.x, at.y)).name(), DRAIN, at, 0.15, 0.6, 1.0);
        }
    }

    private static void addGauge(DistrictAssembly assembly, String name, String category, Coordinate at,
                                 double referenceLevel, double alertLevel, double dangerLevel) {
        assembly.addSensed(assembly.draft("FloodMonitoring")
                .text("name", name)
                .location(Shapes.point(at.x, at.y))
                .texts("category", category)
                .quantity("referenceLevel", referenceLevel, "MTR")
                .quantity("alertLevel", alertLevel, "MTR")
                .quantity("dangerLevel", dangerLevel, "MTR"), WATER_LEVEL);
    }
}
