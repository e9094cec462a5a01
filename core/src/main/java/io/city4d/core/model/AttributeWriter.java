package io.city4d.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Writes an attribute, or the instances of one, as NGSI-LD JSON in the normalized, concise or keyValues form. */
final class AttributeWriter {
    /** The key of the default instance in the keyValues dataset map (clause 4.5.4). */
    static final String NO_DATASET = "@none";

    private AttributeWriter() {}

    static JsonNode instances(List<Attribute> instances, Format format, boolean sysAttrs) {
        if (format == Format.KEY_VALUES) {
            if (instances.size() == 1 && instances.get(0).datasetId() == null) return attribute(instances.get(0), format, sysAttrs);
            ObjectNode out = Json.NODES.objectNode();
            ObjectNode dataset = out.putObject("dataset");
            for (Attribute instance : instances) {
                dataset.set(instance.datasetId() == null ? NO_DATASET : instance.datasetId(), attribute(instance, format, sysAttrs));
            }
            return out;
        }
        if (instances.size() == 1) return attribute(instances.get(0), format, sysAttrs);
        ArrayNode out = Json.NODES.arrayNode();
        for (Attribute instance : instances) {
            JsonNode written = attribute(instance, format, sysAttrs);
            // in an array, a bare concise value would read back as an element of an array value, not as an instance
            out.add(written.isObject() ? written : Json.NODES.objectNode().set("value", written));
        }
        return out;
    }

    static JsonNode attribute(Attribute attribute, Format format, boolean sysAttrs) {
        if (format == Format.KEY_VALUES) return simplified(attribute);
        ObjectNode out = Json.NODES.objectNode();
        boolean concise = format == Format.CONCISE;
        if (!concise) out.put("type", attribute.kind());
        switch (attribute) {
            case Property p -> {
                if (concise && p.valueKind() == ValueKind.PROPERTY && p.unitCode() == null && p.observedAt() == null
                        && p.datasetId() == null && p.subAttributes().isEmpty() && !sysAttrs && !p.value().isObject()
                        && !EntityJson.isMultiInstance(p.value())) {
                    return p.value();
                }
                out.set(p.valueKind().member(), p.valueKind() == ValueKind.LIST_RELATIONSHIP ? objectList(p.value()) : p.value());
                if (p.unitCode() != null) out.put("unitCode", p.unitCode());
            }
            case GeoProperty g -> out.set("value", g.geoJson());
            case Relationship r -> out.put("object", r.object());
        }
        if (attribute.observedAt() != null) out.put("observedAt", Times.format(attribute.observedAt()));
        if (attribute.datasetId() != null) out.put("datasetId", attribute.datasetId());
        if (sysAttrs) {
            if (attribute.createdAt() != null) out.put("createdAt", Times.format(attribute.createdAt()));
            if (attribute.modifiedAt() != null) out.put("modifiedAt", Times.format(attribute.modifiedAt()));
        }
        attribute.subAttributes().forEach((name, sub) -> out.set(name, attribute(sub, format, sysAttrs)));
        return out;
    }

    /** Clause 4.5.22.2: the normalized objectList is an array of {"object": uri}. */
    private static ArrayNode objectList(JsonNode uris) {
        ArrayNode out = Json.NODES.arrayNode();
        uris.forEach(uri -> out.addObject().set("object", uri));
        return out;
    }

    /** Clause 4.5.4: the bare value, object or list; JsonProperty, VocabProperty and LanguageProperty keep their member. */
    private static JsonNode simplified(Attribute attribute) {
        return switch (attribute) {
            case Property p -> switch (p.valueKind()) {
                case PROPERTY, LIST, LIST_RELATIONSHIP -> p.value();
                case JSON, VOCAB, LANGUAGE -> Json.NODES.objectNode().set(p.valueKind().member(), p.value());
            };
            case GeoProperty g -> g.geoJson();
            case Relationship r -> Json.NODES.textNode(r.object());
        };
    }
}
