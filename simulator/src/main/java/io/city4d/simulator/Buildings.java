package io.city4d.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.linearref.LengthIndexedLine;

/** A few hundred buildings on the blocks between the streets, each with an address on its nearest street. */
final class Buildings {
    private static final int MIN_COUNT = 400;
    private static final int MAX_COUNT = 600;

    /** A building that was placed, for the sensors that are put in some of them. */
    record Placed(String id, BuildingKind kind, Polygon footprint, int floors) {
        int capacity() {
            return Math.max(10, (int) Math.round(footprint.getArea() * floors / kind.areaPerOccupant));
        }
    }

    private Buildings() {}

    static List<Placed> addTo(DistrictAssembly assembly, SplittableRandom random, BuildableLand land, StreetGrid grid, Wards wards) {
        int target = random.nextInt(MIN_COUNT, MAX_COUNT + 1);
        List<Placed> placed = new ArrayList<>();
        for (int attempt = 0; placed.size() < target && attempt < target * 3; attempt++) {
            BuildingKind kind = BuildingKind.pick(random);
            var footprint = land.place(random, kind.width(random), kind.depth(random));
            if (footprint.isEmpty()) continue;
            int floors = kind.floors(random);
            double height = Math.round(floors * kind.storeyHeight(random) * 10) / 10.0;
            EntityDraft draft = assembly.draft("Building")
                    .location(footprint.get())
                    .texts("category", kind.category)
                    .quantity("height", height, "MTR")
                    .integer("floors", floors)
                    .value("address", address(footprint.get(), grid, wards), null);
            assembly.add(draft);
            placed.add(new Placed(draft.id(), kind, footprint.get(), floors));
        }
        return placed;
    }

    private static ObjectNode address(Polygon footprint, StreetGrid grid, Wards wards) {
        var centre = footprint.getCentroid();
        Road street = grid.nearestRoad(centre);
        // house numbers run along the street, odd on one side and even on the other, about one per 6 m of frontage
        LengthIndexedLine line = new LengthIndexedLine(street.line());
        double along = line.project(centre.getCoordinate());
        Coordinate onStreet = line.extractPoint(along);
        Coordinate ahead = line.extractPoint(Math.min(along + 1, street.length()));
        boolean left = (ahead.x - onStreet.x) * (centre.getY() - onStreet.y) - (ahead.y - onStreet.y) * (centre.getX() - onStreet.x) > 0;
        long number = 2 * Math.round(along / 12) + (left ? 1 : 2);
        ObjectNode address = Json.NODES.objectNode();
        address.put("streetAddress", number + " " + street.name());
        address.put("addressLocality", "Phường " + wards.nameAt(centre.getCoordinate()));
        address.put("addressRegion", "Hà Nội");
        address.put("addressCountry", "VN");
        return address;
    }
}
