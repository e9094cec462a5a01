package io.city4d.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.city4d.core.problem.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one attribute, or the instances of one, from NGSI-LD JSON in the normalized or the concise form. Input from
 * clients meets the rules of what a client may write (no NGSI-LD Null, the members of each kind); what the store
 * wrote is read as it is, so that a rule added later never makes stored entities unreadable.
 */
final class AttributeReader {
    static final AttributeReader INPUT = new AttributeReader(true);
    static final AttributeReader STORED = new AttributeReader(false);

    private final boolean input;

    private AttributeReader(boolean input) {
        this.input = input;
    }

    /** The instances an attribute's JSON gives: an array of attribute objects (clause 4.5.5) or one attribute. */
    List<Attribute> instances(String name, JsonNode node) {
        if (node != null && node.isArray() && isMultiInstance((ArrayNode) node)) {
            List<Attribute> instances = new ArrayList<>(node.size());
            for (JsonNode instance : node) instances.add(attribute(name, instance));
            return Instances.checked(name, instances);
        }
        return List.of(attribute(name, node));
    }

    /** True when the array holds attribute instances rather than being the concise form of an array value. */
    static boolean isMultiInstance(ArrayNode array) {
        if (array.isEmpty()) return false;
        for (JsonNode n : array) {
            if (!n.isObject() || !(isAttributeKind(n.path("type").asText("")) || EntityJson.isAttributeObject(n))) return false;
        }
        return true;
    }

    Attribute attribute(String name, JsonNode node) {
        if (node == null || node.isNull()) throw ProblemException.badData("attribute " + name + " has a null value");
        if (node.isArray() && isMultiInstance((ArrayNode) node)) {
            throw ProblemException.badData("attribute " + name + ": several instances are not allowed here, give one");
        }
        if (!node.isObject()) {
            refuseNull(name, node);
            return Property.of(node, null);
        }
        if (GeoJson.looksLikeGeometry(node)) return GeoProperty.of(node);
        String kind = node.path("type").asText(null);
        if (kind == null || !isAttributeKind(kind)) {
            if (node.has("type") && !node.path("type").isTextual() && EntityJson.isAttributeObject(node)) {
                throw ProblemException.badData("attribute " + name + " has a type that is not a string");
            }
            kind = inferredKind(node);
            if (kind == null) {
                refuseNull(name, node);
                return Property.of(node, null);
            }
        }
        if (input) AttributeShapes.check(name, kind, node);
        Instant observedAt = node.hasNonNull("observedAt") ? Times.parse(node.get("observedAt").asText(), name + ".observedAt") : null;
        String datasetId = datasetId(name, node.get("datasetId"));
        Map<String, Attribute> sub = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!EntityJson.ATTRIBUTE_MEMBERS.contains(field.getKey())) {
                sub.put(checkName(field.getKey()), attribute(field.getKey(), field.getValue()));
            }
        }
        return switch (kind) {
            case "Relationship" -> {
                JsonNode object = node.get("object");
                if (object == null || !object.isTextual()) throw ProblemException.badData("relationship " + name + " needs an object URI");
                refuseNull(name, object);
                yield new Relationship(object.asText(), observedAt, datasetId, sub, null, null);
            }
            case "GeoProperty" -> {
                JsonNode value = node.get("value");
                yield new GeoProperty(value, GeoJson.parse(value), observedAt, datasetId, sub, null, null);
            }
            default -> {
                ValueKind valueKind = ValueKind.ofType(kind);
                JsonNode value = node.get(valueKind.member());
                if (value == null || value.isNull()) throw ProblemException.badData(kind + " " + name + " needs a " + valueKind.member() + " member");
                refuseNull(name, value);
                value = checkValue(name, valueKind, value);
                String unit = node.hasNonNull("unitCode") ? node.get("unitCode").asText() : null;
                yield new Property(value, valueKind, unit, observedAt, datasetId, sub, null, null);
            }
        };
    }

    /** The kind the members of an attribute object without a (known) type imply, or null when it is a plain JSON value. */
    private static String inferredKind(JsonNode node) {
        if (node.has("object")) return "Relationship";
        if (node.has("value")) return GeoJson.looksLikeGeometry(node.get("value")) ? "GeoProperty" : "Property";
        ValueKind implied = ValueKind.ofMembers(node);
        return implied == null ? null : implied.typeName();
    }

    String checkName(String name) {
        return EntityJson.checkName(name, input);
    }

    private void refuseNull(String name, JsonNode value) {
        if (input) NgsiNull.refuseIn(name, value);
    }

    /** The datasetId of an instance; "@none" names the default instance (clause 4.5.5). */
    private static String datasetId(String name, JsonNode datasetId) {
        if (datasetId == null || datasetId.isNull()) return null;
        if (!datasetId.isTextual()) throw ProblemException.badData(name + ".datasetId must be a URI string");
        return datasetId.asText().equals("@none") ? null : EntityIds.requireUri(datasetId.asText(), name + ".datasetId");
    }

    /** The value, checked against its kind (clause 5.2.32 to 5.2.38); an objectList's {"object": uri} entries become URIs. */
    private static JsonNode checkValue(String name, ValueKind kind, JsonNode value) {
        switch (kind) {
            case PROPERTY -> { }
            case JSON -> {
                if (!value.isContainerNode()) throw ProblemException.badData("JsonProperty " + name + ": json must be a JSON object or array");
            }
            case VOCAB -> {
                if (!value.isTextual() && !(value.isArray() && allText(value))) throw ProblemException.badData("VocabProperty " + name + ": vocab must be a string or strings");
            }
            case LANGUAGE -> {
                if (!value.isObject() || !allText(value)) throw ProblemException.badData("LanguageProperty " + name + ": languageMap must map language tags to strings");
                value.fieldNames().forEachRemaining(tag -> {
                    if (tag.isEmpty()) throw ProblemException.badData("LanguageProperty " + name + ": a language tag is empty");
                });
            }
            case LIST -> {
                if (!value.isArray()) throw ProblemException.badData("ListProperty " + name + ": valueList must be an array");
            }
            case LIST_RELATIONSHIP -> {
                if (!value.isArray()) throw ProblemException.badData("ListRelationship " + name + ": objectList must be an array of URIs");
                ArrayNode objects = Json.NODES.arrayNode();
                for (JsonNode entry : value) {
                    JsonNode object = entry.isObject() && entry.size() == 1 ? entry.get("object") : entry;
                    if (object == null || !object.isTextual()) throw ProblemException.badData("ListRelationship " + name + ": objectList must be an array of URIs");
                    objects.add(EntityIds.requireUri(object.asText(), name + ".objectList"));
                }
                return objects;
            }
        }
        return value;
    }

    private static boolean allText(JsonNode container) {
        for (JsonNode element : container) {
            boolean text = element.isTextual() || (element.isArray() && element.size() > 0 && allTextElements(element));
            if (!text) return false;
        }
        return true;
    }

    private static boolean allTextElements(JsonNode array) {
        for (JsonNode element : array) if (!element.isTextual()) return false;
        return true;
    }

    static boolean isAttributeKind(String kind) {
        return kind.equals("GeoProperty") || kind.equals("Relationship") || ValueKind.ofType(kind) != null;
    }
}
