package io.city4d.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/** Structural-health sensors in tall buildings and temples, and people counters in offices, shops, hotels and schools. */
final class BuildingSensors {
    static final String STRUCTURAL_HEALTH = "structural-health";
    static final String OCCUPANCY = "occupancy";
    private static final int STRUCTURAL_SENSORS = 16;
    private static final int OCCUPANCY_COUNTERS = 30;

    private BuildingSensors() {}

    static void addTo(DistrictAssembly assembly, SplittableRandom random, List<Buildings.Placed> buildings) {
        for (Buildings.Placed building : choose(random, buildings, STRUCTURAL_SENSORS,
                b -> b.floors() >= 8 || b.kind() == BuildingKind.TEMPLE)) {
            assembly.addSensed(assembly.draft("StructuralHealthSensor")
                    .location(building.footprint().getCentroid())
                    .relationship("refBuilding", building.id()), STRUCTURAL_HEALTH);
        }
        for (Buildings.Placed building : choose(random, buildings, OCCUPANCY_COUNTERS,
                b -> b.kind() != BuildingKind.RESIDENTIAL && b.kind() != BuildingKind.TEMPLE)) {
            assembly.addSensed(assembly.draft("BuildingOccupancy")
                    .location(building.footprint().getCentroid())
                    .integer("capacity", building.capacity())
                    .relationship("refBuilding", building.id()), OCCUPANCY);
        }
    }

    private static List<Buildings.Placed> choose(SplittableRandom random, List<Buildings.Placed> buildings, int count,
                                                 Predicate<Buildings.Placed> eligible) {
        List<Buildings.Placed> candidates = new ArrayList<>(buildings.stream().filter(eligible).toList());
        Shapes.shuffle(random, candidates);
        return candidates.subList(0, Math.min(count, candidates.size()));
    }
}
