package io.city4d.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * Parking: a few car parks (FIWARE OffStreetParking) with two rows of bays, and kerbside stretches (OnStreetParking)
 * with a bay every 6 m. Each bay is a ParkingSpot with its own occupancy sensor.
 */
final class ParkingSites {
    static final String PROFILE = "parking-spot";
    private static final int CAR_PARKS = 3;
    private static final double CAR_PARK_WIDTH = 30;
    private static final double CAR_PARK_DEPTH = 22;
    private static final double BAY_WIDTH = 2.5;
    private static final int KERBSIDES = 8;
    private static final double KERB_BAY_LENGTH = 6;
    private static final double CLEAR_OF_CROSSING = 30;

    private ParkingSites() {}

    /** Adds the car parks first: they reserve their land before any building is placed. */
    static void addTo(DistrictAssembly assembly, SplittableRandom random, BuildableLand land, StreetGrid grid) {
        for (int i = 0; i < CAR_PARKS; i++) {
            land.place(random, CAR_PARK_WIDTH, CAR_PARK_DEPTH).ifPresent(lot -> addCarPark(assembly, random, lot, grid));
        }
        List<Road> kerbsides = new ArrayList<>(grid.streets().stream()
                .filter(r -> !r.roadClass().equals("primary") && r.length() >= 4 * CLEAR_OF_CROSSING + 8 * KERB_BAY_LENGTH).toList());
        Shapes.shuffle(random, kerbsides);
        for (Road road : kerbsides.subList(0, Math.min(KERBSIDES, kerbsides.size()))) addKerbside(assembly, random, road);
    }

    private static void addCarPark(DistrictAssembly assembly, SplittableRandom random, Polygon lot, StreetGrid grid) {
        int baysPerRow = (int) (CAR_PARK_WIDTH / BAY_WIDTH);
        EntityDraft site = assembly.draft("OffStreetParking")
                .text("name", "Bãi đỗ xe " + grid.nearestRoad(lot.getCentroid()).name())
                .location(lot)
                .texts("category", "public", "feeCharged")
                .texts("allowedVehicleType", "car")
                .integer("totalSpotNumber", 2L * baysPerRow);
        assembly.add(site);
        // two rows of bays, a quarter of the way in from the front and from the back
        Coordinate front = lot.getCoordinates()[0];
        Coordinate frontEnd = lot.getCoordinates()[1];
        Coordinate back = lot.getCoordinates()[3];
        for (double row : new double[] {0.25, 0.75}) {
            for (int bay = 0; bay < baysPerRow; bay++) {
                double along = (bay + 0.5) / baysPerRow;
                addSpot(assembly, random, site.id(), "offStreet", new Coordinate(
                        front.x + (frontEnd.x - front.x) * along + (back.x - front.x) * row,
                        front.y + (frontEnd.y - front.y) * along + (back.y - front.y) * row));
            }
        }
    }

    private static void addKerbside(DistrictAssembly assembly, SplittableRandom random, Road road) {
        Coordinate start = road.line().getCoordinateN(0);
        Coordinate end = road.line().getCoordinateN(road.line().getNumPoints() - 1);
        int bays = random.nextInt(8, 15);
        double length = bays * KERB_BAY_LENGTH;
        double from = CLEAR_OF_CROSSING + random.nextDouble(road.length() - 2 * CLEAR_OF_CROSSING - length);
        // along the kerb, inside the street's own width so the bays never touch a building
        double aside = (random.nextBoolean() ? 1 : -1) * (road.halfWidth() - 1.5);
        EntityDraft site = assembly.draft("OnStreetParking")
                .text("name", "Điểm đỗ xe " + road.name())
                .location(Shapes.line(Shapes.offset(start, end, from, aside), Shapes.offset(start, end, from + length, aside)))
                .texts("category", "feeCharged")
                .texts("allowedVehicleType", "car")
                .integer("totalSpotNumber", bays);
        assembly.add(site);
        for (int bay = 0; bay < bays; bay++) {
            addSpot(assembly, random, site.id(), "onStreet", Shapes.offset(start, end, from + KERB_BAY_LENGTH * (bay + 0.5), aside));
        }
    }

    private static void addSpot(DistrictAssembly assembly, SplittableRandom random, String siteId, String category, Coordinate at) {
        assembly.addSensed(assembly.draft("ParkingSpot")
                .location(Shapes.point(at.x, at.y))
                .texts("category", category)
                .text("status", random.nextBoolean() ? "free" : "occupied")
                .relationship("refParkingSite", siteId), PROFILE);
    }
}
