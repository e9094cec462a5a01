package io.city4d.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.quadtree.Quadtree;
import org.locationtech.jts.linearref.LengthIndexedLine;

/**
 * The blocks between the streets and the footprints placed on them so far; footprints keep a gap from each other.
 * Most footprints front a street, as in any city; the rest stand back inside their block.
 */
final class BuildableLand {
    static final double GAP = 2.0;
    private static final int ATTEMPTS = 40;
    private static final double FRONTAGE_SHARE = 0.8;
    private static final double FRONT_SETBACK = 1.0;
    private static final double MAX_TURN = Math.toRadians(6);

    private final List<Polygon> blocks;
    private final double[] cumulativeArea;
    private final Quadtree placed = new Quadtree();

    BuildableLand(List<Polygon> blocks) {
        this.blocks = List.copyOf(blocks);
        cumulativeArea = new double[blocks.size()];
        double total = 0;
        for (int i = 0; i < blocks.size(); i++) cumulativeArea[i] = total += blocks.get(i).getArea();
    }

    /**
     * A free spot for a rectangle {@code width} along its front and {@code depth} deep, or empty when none was found.
     * The rectangle's first two corners are its front.
     */
    Optional<Polygon> place(SplittableRandom random, double width, double depth) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Polygon block = pickBlock(random);
            Polygon candidate = random.nextDouble() < FRONTAGE_SHARE
                    ? facingStreet(random, block, width, depth)
                    : standingBack(random, block, width, depth);
            if (block.contains(candidate) && isClear(candidate)) {
                placed.insert(candidate.getEnvelopeInternal(), candidate);
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Polygon facingStreet(SplittableRandom random, Polygon block, double width, double depth) {
        LineString edge = block.getExteriorRing();
        LengthIndexedLine walk = new LengthIndexedLine(edge);
        double at = random.nextDouble(edge.getLength() - 1);
        Coordinate front = walk.extractPoint(at);
        Coordinate ahead = walk.extractPoint(at + 1);
        // the inside of a counterclockwise ring is on its left
        double inward = Orientation.isCCW(edge.getCoordinates()) ? 1 : -1;
        Coordinate centre = Shapes.offset(front, ahead, 0, inward * (depth / 2 + FRONT_SETBACK));
        double turn = Math.atan2(ahead.y - front.y, ahead.x - front.x) + (inward > 0 ? 0 : Math.PI);
        return Shapes.rectangle(centre.x, centre.y, width, depth, turn);
    }

    private static Polygon standingBack(SplittableRandom random, Polygon block, double width, double depth) {
        Envelope bounds = block.getEnvelopeInternal();
        return Shapes.rectangle(bounds.getMinX() + random.nextDouble() * bounds.getWidth(),
                bounds.getMinY() + random.nextDouble() * bounds.getHeight(), width, depth, random.nextDouble(-MAX_TURN, MAX_TURN));
    }

    private Polygon pickBlock(SplittableRandom random) {
        double target = random.nextDouble() * cumulativeArea[cumulativeArea.length - 1];
        int index = Arrays.binarySearch(cumulativeArea, target);
        return blocks.get(index >= 0 ? index : -index - 1);
    }

    private boolean isClear(Polygon candidate) {
        Envelope around = candidate.getEnvelopeInternal();
        around.expandBy(GAP);
        for (Object other : placed.query(around)) {
            if (((Polygon) other).isWithinDistance(candidate, GAP)) return false;
        }
        return true;
    }
}
