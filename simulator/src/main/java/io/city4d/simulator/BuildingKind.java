package io.city4d.simulator;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The kinds of building in the district, with their FIWARE Building category, how common they are, their size
 * range in metres, their floors, and the floor area each occupant takes (m²) when the building is full.
 */
enum BuildingKind {
    // Hanoi's narrow, deep "tube houses"
    RESIDENTIAL("residential", 48, 4, 8, 12, 22, 2, 6, 30),
    COMMERCIAL("commercial", 14, 12, 28, 12, 28, 2, 7, 6),
    OFFICE("office", 12, 18, 34, 18, 32, 5, 18, 10),
    HOTEL("hotel", 9, 14, 28, 16, 30, 5, 16, 25),
    RETAIL("retail", 8, 8, 18, 10, 20, 1, 4, 5),
    PUBLIC("public", 4, 15, 30, 15, 30, 2, 6, 12),
    SCHOOL("school", 2, 25, 40, 15, 24, 2, 4, 4),
    TEMPLE("temple", 3, 10, 20, 12, 24, 1, 2, 3);

    private static final int TOTAL_WEIGHT = Arrays.stream(values()).mapToInt(k -> k.weight).sum();

    final String category;
    private final int weight;
    private final double minWidth;
    private final double maxWidth;
    private final double minDepth;
    private final double maxDepth;
    private final int minFloors;
    private final int maxFloors;
    final double areaPerOccupant;

    BuildingKind(String category, int weight, double minWidth, double maxWidth, double minDepth, double maxDepth,
                 int minFloors, int maxFloors, double areaPerOccupant) {
        this.category = category;
        this.weight = weight;
        this.minWidth = minWidth;
        this.maxWidth = maxWidth;
        this.minDepth = minDepth;
        this.maxDepth = maxDepth;
        this.minFloors = minFloors;
        this.maxFloors = maxFloors;
        this.areaPerOccupant = areaPerOccupant;
    }

    static BuildingKind pick(SplittableRandom random) {
        int ticket = random.nextInt(TOTAL_WEIGHT);
        for (BuildingKind kind : values()) {
            if ((ticket -= kind.weight) < 0) return kind;
        }
        throw new AssertionError("weights do not add up");
    }

    double width(SplittableRandom random) { return random.nextDouble(minWidth, maxWidth); }

    double depth(SplittableRandom random) { return random.nextDouble(minDepth, maxDepth); }

    int floors(SplittableRandom random) { return random.nextInt(minFloors, maxFloors + 1); }

    /** Temples have tall single halls; other buildings about 3.3 m a floor. */
    double storeyHeight(SplittableRandom random) {
        return this == TEMPLE ? random.nextDouble(4.5, 6) : random.nextDouble(3.0, 3.6);
    }

    static BuildingKind ofCategory(String category) {
        for (BuildingKind kind : values()) if (kind.category.equals(category)) return kind;
        throw new IllegalArgumentException("no building kind for category " + category);
    }
}
