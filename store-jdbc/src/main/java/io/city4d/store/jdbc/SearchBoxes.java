package io.city4d.store.jdbc;

import io.city4d.core.query.GeoQuery;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * The boxes to look up in a spatial index for a geo-query. A box that {@link GeoQuery#searchBox()} widened past
 * the antimeridian is split into its parts on either side, shifted back into [-180, 180].
 */
final class SearchBoxes {
    private static final Envelope WORLD = new Envelope(-180, 180, -90, 90);

    private SearchBoxes() {}

    /** The boxes, or null when the query cannot be bounded. */
    static List<Envelope> of(GeoQuery query) {
        Envelope box = query.searchBox();
        if (box == null) return null;
        if (box.getWidth() >= 360) return List.of(new Envelope(-180, 180, box.getMinY(), box.getMaxY()));
        List<Envelope> boxes = new ArrayList<>(3);
        for (double shift : new double[] {0, 360, -360}) {
            Envelope shifted = new Envelope(box.getMinX() + shift, box.getMaxX() + shift, box.getMinY(), box.getMaxY());
            Envelope part = shifted.intersection(WORLD);
            if (!part.isNull()) boxes.add(part);
        }
        return boxes;
    }
}
