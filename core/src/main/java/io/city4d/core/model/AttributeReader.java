package io.city4d.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.city4d.core.problem.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one attribute, or the instances of one, from NGSI-LD JSON in the normalized or the concise form. */
final class AttributeReader {
    private AttributeReader() {}

    /** The instances an attribute's JSON gives: an array of attribute objects (clause 4.5.5) or one attribute. */
    static List<Attribute> instances(String name, JsonNode node) {
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

    static Attribute attribute(String name, JsonNode node) {
        if (node == null || node.isNull()) throw ProblemException.badData("attribute " + name + " has a null value");
        if (node.isArray() && isMultiInstance((ArrayNode) node)) {
            throw ProblemException.badData("attribute " + name + ": several instances are not allowed here, give one");
        }
        if (!node.isObject()) return Property.of(node, null);
        if (GeoJson.looksLikeGeometry(node)) return GeoProperty.of(node);
        String kind = node.path("type").asText(null);
        if (kind == null || !isAttributeKind(kind)) {
            if (node.has("type") && !node.path("type").isTextual() && EntityJson.isAttributeObject(node)) {
                throw ProblemException.badData("attribute " + name + " has a type that is not a string");
            }
            kind = inferredKind(node);
            if (kind == null) return Property.of(node, null);
        }
        Instant observedAt = node.hasNonNull("observedAt") ? Times.parse(node.get("observedAt").asText(), name + ".observedAt") : null;
        String datasetId = node.hasNonNull("datasetId") ? EntityIds.requireUri(node.get("datasetId").asText(), name + ".datasetId") : null;
        Map<String, Attribute> sub = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            if (!EntityJson.ATTRIBUTE_MEMBERS.contains(field.getKey())) {
                sub.put(EntityJson.checkName(field.getKey()), attribute(field.getKey(), field.getValue()));
            }
        }
        return switch (kind) {
            case "Relationship" -> {
                JsonNode object = node.get("object");
                if (object == null || !object.isTextual()) throw ProblemException.badData("relationship " + name + " needs an object URI");
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
                checkValue(name, valueKind, value);
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

    private static void checkValue(String name, ValueKind kind, JsonNode value) {
        switch (kind) {
            case PROPERTY, JSON -> { }
            case VOCAB -> {
                if (!value.isTextual() && !(value.isArray() && allText(value))) throw ProblemException.badData("VocabProperty " + name + ": vocab must be a string or strings");
            }
            case LANGUAGE -> {
                if (!value.isObject() || !allText(value)) throw ProblemException.badData("LanguageProperty " + name + ": languageMap must map language tags to strings");
            }
            case LIST -> {
                if (!value.isArray()) throw ProblemException.badData("ListProperty " + name + ": valueList must be an array");
            }
            case LIST_RELATIONSHIP -> {
                if (!value.isArray() || !allText(value)) throw ProblemException.badData("ListRelationship " + name + ": objectList must be an array of URIs");
                for (JsonNode object : value) EntityIds.requireUri(object.asText(), name + ".objectList");
            }
        }
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
