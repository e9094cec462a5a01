package io.city4d.store.jdbc;

import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.model.GeoProperty;
import io.city4d.core.model.Property;
import io.city4d.core.model.Relationship;
import io.city4d.core.port.Change;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/**
 * A change turned into the values of the rows it writes. Encoding (JSON bodies, index values, WKB) runs on the
 * committing caller's thread, so that the store's single writer only binds and runs SQL. An update carries the rows
 * of the attributes whose indexed value changed only, trusting {@link Change#before()} to be the stored state (the
 * pipeline's single writer per entity guarantees it).
 */
record EncodedChange(Change.Kind kind, String tenant, String entityId, String body, List<String> types,
                     List<AttributeRows> attributes, List<SummaryCounts.Delta> counts, List<HistoryRow> history) {

    /** What the stored index rows of an attribute were before the change. */
    enum Previous { NONE, ONE_VALUE, VALUES, GEOMETRY }

    /**
     * The index rows of one attribute; {@code values} is empty, and {@code geometry} null, when the attribute is gone.
     * {@code previousValue} is the one value row of an attribute that had one.
     */
    record AttributeRows(String name, Previous previous, IndexedValue previousValue, List<IndexedValue> values, Geometry geometry, byte[] wkb) {
        /** True when one value row replaces one value row, which one UPDATE does. */
        boolean updatesOneRow() {
            return previous == Previous.ONE_VALUE && values.size() == 1 && geometry == null;
        }
    }

    /** One history row of a series; the series key is found by the writer. */
    record HistoryRow(SeriesKeys.Series series, long at, Double number, String text, String body) {}

    static EncodedChange of(Change change) {
        String tenant = change.tenant();
        Entity before = change.before();
        Entity after = change.after();
        Map<Attribute, String> attributeJson = new IdentityHashMap<>();
        String body = null;
        if (after != null) {
            Map<String, String> json = new LinkedHashMap<>();
            after.attributes().forEach((name, attribute) -> json.put(name, attributeJson.computeIfAbsent(attribute, EntityCodec::writeAttribute)));
            body = EntityCodec.write(after, json);
        }
        List<String> types = after == null || (before != null && before.types().equals(after.types()))
                ? null : List.copyOf(new LinkedHashSet<>(after.types()));
        List<AttributeRows> attributes = new ArrayList<>();
        if (after != null) {
            Set<String> names = new LinkedHashSet<>(after.attributes().keySet());
            if (before != null) names.addAll(before.attributes().keySet());
            for (String name : names) {
                Attribute old = before == null ? null : before.attribute(name);
                Attribute now = after.attribute(name);
                if (before == null || !indexedAlike(old, now)) attributes.add(rows(name, old, now));
            }
        }
        List<HistoryRow> history = new ArrayList<>(change.history().size());
        for (Change.HistoryPoint point : change.history()) {
            // a point usually holds the attribute just written, whose JSON the body already needed
            String json = attributeJson.computeIfAbsent(point.value(), EntityCodec::writeAttribute);
            history.add(historyRow(tenant, change.entityId(), point, json));
        }
        return new EncodedChange(change.kind(), tenant, change.entityId(), body, types, attributes,
                SummaryCounts.deltas(tenant, before, after), history);
    }

    /** True when both attributes leave the same index rows: same kind and same value (timestamps do not matter). */
    private static boolean indexedAlike(Attribute before, Attribute after) {
        if (before == null || after == null) return before == after;
        return (before instanceof GeoProperty) == (after instanceof GeoProperty)
                && IndexedValue.indexedJson(before).equals(IndexedValue.indexedJson(after));
    }

    private static AttributeRows rows(String name, Attribute old, Attribute now) {
        Set<IndexedValue> oldValues = old == null ? Set.of() : IndexedValue.of(old);
        Previous previous = old == null ? Previous.NONE : old instanceof GeoProperty ? Previous.GEOMETRY
                : oldValues.size() == 1 ? Previous.ONE_VALUE : Previous.VALUES;
        IndexedValue previousValue = previous == Previous.ONE_VALUE ? oldValues.iterator().next() : null;
        if (now == null) return new AttributeRows(name, previous, previousValue, List.of(), null, null);
        Geometry geometry = now instanceof GeoProperty geo ? geo.geometry() : null;
        return new AttributeRows(name, previous, previousValue, List.copyOf(IndexedValue.of(now)), geometry,
                geometry == null ? null : new WKBWriter(2).write(geometry));
    }

    private static HistoryRow historyRow(String tenant, String entityId, Change.HistoryPoint point, String json) {
        Attribute value = point.value();
        Double number = value instanceof Property p ? p.numericValue() : null;
        String text = number != null ? null : switch (value) {
            case Property p -> p.value().isTextual() ? p.value().asText() : p.value().toString();
            case GeoProperty g -> g.geoJson().toString();
            case Relationship r -> r.object();
        };
        // the text only serves to count distinct values, so it may take the index's PostgreSQL-safe encoding
        return new HistoryRow(new SeriesKeys.Series(tenant, entityId, point.attribute()), Micros.of(point.at()), number,
                text == null ? null : IndexedValue.string(text), json);
    }
}
