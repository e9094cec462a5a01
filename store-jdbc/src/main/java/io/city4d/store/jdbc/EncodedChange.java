package io.city4d.store.jdbc;

import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.model.GeoProperty;
import io.city4d.core.model.Property;
import io.city4d.core.model.Relationship;
import io.city4d.core.model.Scopes;
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
    record AttributeRows(String name, Previous previous, IndexedValue previousValue, List<IndexedValue> values, List<Geometry> geometries) {
        /** True when one value row replaces one value row, which one UPDATE does. */
        boolean updatesOneRow() {
            return previous == Previous.ONE_VALUE && values.size() == 1 && geometries.isEmpty();
        }

        /** The geometries in the form the spatial index stores. */
        List<byte[]> wkb() {
            WKBWriter writer = new WKBWriter(2);
            return geometries.stream().map(writer::write).toList();
        }
    }

    /** One history row of a series; the series key is found by the writer. */
    record HistoryRow(SeriesKeys.Series series, long at, Double number, String text, String body, boolean replacesSameInstant) {}

    static EncodedChange of(Change change) {
        String tenant = change.tenant();
        Entity before = change.before();
        Entity after = change.after();
        Map<Attribute, String> attributeJson = new IdentityHashMap<>();
        String body = null;
        if (after != null) {
            Map<String, String> json = new LinkedHashMap<>();
            after.attributes().forEach((name, instances) -> json.put(name, instancesJson(instances, attributeJson)));
            body = EntityCodec.write(after, json);
        }
        List<String> types = after == null || (before != null && before.types().equals(after.types()))
                ? null : List.copyOf(new LinkedHashSet<>(after.types()));
        List<AttributeRows> attributes = new ArrayList<>();
        if (after != null) {
            Set<String> names = new LinkedHashSet<>(after.attributes().keySet());
            if (before != null) names.addAll(before.attributes().keySet());
            for (String name : names) {
                List<Attribute> old = before == null ? List.of() : before.instances(name);
                List<Attribute> now = after.instances(name);
                if (before == null || !indexedAlike(old, now)) attributes.add(rows(name, old, now));
            }
            List<String> oldScopes = before == null ? List.of() : before.scopes();
            if (!oldScopes.equals(after.scopes())) attributes.add(scopeRows(oldScopes, after.scopes()));
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

    /** The JSON of an attribute's instances: one as itself, several as an array of them. */
    private static String instancesJson(List<Attribute> instances, Map<Attribute, String> attributeJson) {
        if (instances.size() == 1) return attributeJson.computeIfAbsent(instances.get(0), EntityCodec::writeAttribute);
        StringBuilder out = new StringBuilder("[");
        for (Attribute instance : instances) {
            if (out.length() > 1) out.append(',');
            out.append(attributeJson.computeIfAbsent(instance, EntityCodec::writeAttribute));
        }
        return out.append(']').toString();
    }

    /** True when both leave the same index rows: the same instances of the same kinds and values (timestamps do not matter). */
    private static boolean indexedAlike(List<Attribute> before, List<Attribute> after) {
        if (before.size() != after.size()) return false;
        for (int i = 0; i < before.size(); i++) {
            Attribute b = before.get(i);
            Attribute a = after.get(i);
            if ((b instanceof GeoProperty) != (a instanceof GeoProperty) || !IndexedValue.indexedJson(b).equals(IndexedValue.indexedJson(a))) return false;
        }
        return true;
    }

    /** The index rows of every instance: their value rows together, and the geometry of the geo-property ones. */
    private static AttributeRows rows(String name, List<Attribute> old, List<Attribute> now) {
        Set<IndexedValue> oldValues = IndexedValue.of(old);
        Previous previous = old.isEmpty() ? Previous.NONE : old.stream().anyMatch(GeoProperty.class::isInstance) ? Previous.GEOMETRY
                : oldValues.size() == 1 ? Previous.ONE_VALUE : Previous.VALUES;
        IndexedValue previousValue = previous == Previous.ONE_VALUE ? oldValues.iterator().next() : null;
        if (now.isEmpty()) return new AttributeRows(name, previous, previousValue, List.of(), List.of());
        List<Geometry> geometries = new ArrayList<>(1);
        for (Attribute instance : now) if (instance instanceof GeoProperty geo) geometries.add(geo.geometry());
        return new AttributeRows(name, previous, previousValue, List.copyOf(IndexedValue.of(now)), List.copyOf(geometries));
    }

    /** The scopes' rows: one string row each under the attribute name {@code scope}, which no expanded attribute name can be. */
    private static AttributeRows scopeRows(List<String> old, List<String> now) {
        Previous previous = old.isEmpty() ? Previous.NONE : old.size() == 1 ? Previous.ONE_VALUE : Previous.VALUES;
        return new AttributeRows(Scopes.MEMBER, previous, previous == Previous.ONE_VALUE ? scopeValue(old.get(0)) : null,
                now.stream().map(EncodedChange::scopeValue).toList(), List.of());
    }

    private static IndexedValue scopeValue(String path) {
        return new IndexedValue(IndexedValue.STRING, null, IndexedValue.string(path), null);
    }

    static HistoryRow historyRow(String tenant, String entityId, Change.HistoryPoint point, String json) {
        Attribute value = point.value();
        Double number = value instanceof Property p ? p.numericValue() : null;
        String text = number != null ? null : switch (value) {
            case Property p -> p.value().isTextual() ? p.value().asText() : p.value().toString();
            case GeoProperty g -> g.geoJson().toString();
            case Relationship r -> r.object();
        };
        // the text only serves to count distinct values, so it may take the index's PostgreSQL-safe encoding
        String datasetId = value.datasetId() == null ? "" : value.datasetId();
        return new HistoryRow(new SeriesKeys.Series(tenant, entityId, point.attribute(), datasetId), Micros.of(point.at()), number,
                text == null ? null : IndexedValue.string(text), json, point.replacesSameInstant());
    }
}
