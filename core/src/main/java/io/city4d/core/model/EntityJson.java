package io.city4d.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads and writes entities as NGSI-LD JSON whose names are already expanded. It accepts the normalized form
 * and the concise shorthand on input, and writes normalized, concise or keyValues.
 */
public final class EntityJson {
    /** Entity members that are not attributes. */
    public static final Set<String> ENTITY_MEMBERS = Set.of("id", "@id", "type", "@type", "@context", "scope", "createdAt", "modifiedAt", "deletedAt");
    /** Attribute members that are not sub-attributes. */
    public static final Set<String> ATTRIBUTE_MEMBERS = Set.of("type", "value", "object", "observedAt", "unitCode", "datasetId",
            "createdAt", "modifiedAt", "deletedAt", "instanceId", "lang", "vocab", "json", "languageMap", "objectType", "previousValue", "@context");

    private EntityJson() {}

    public static Entity read(JsonNode node) {
        if (node == null || !node.isObject()) throw ProblemException.badData("an entity must be a JSON object");
        String id = text(node.has("id") ? node.get("id") : node.get("@id"), "entity id");
        List<String> types = readTypes(node.has("type") ? node.get("type") : node.get("@type"));
        return new Entity(id, types, readAttributes(node), null, null);
    }

    public static List<String> readTypes(JsonNode typeNode) {
        if (typeNode == null || typeNode.isNull()) throw ProblemException.badData("entity type is missing");
        List<String> types = new ArrayList<>();
        if (typeNode.isArray()) {
            for (JsonNode t : typeNode) types.add(EntityIds.requireUri(text(t, "entity type"), "entity type"));
        } else {
            types.add(EntityIds.requireUri(text(typeNode, "entity type"), "entity type"));
        }
        if (types.isEmpty()) throw ProblemException.badData("entity type is empty");
        return types;
    }

    /** The attributes of an entity or of an entity fragment (PATCH and append bodies). */
    public static LinkedHashMap<String, Attribute> readAttributes(JsonNode node) {
        if (node == null || !node.isObject()) throw ProblemException.badData("attributes must be given as a JSON object");
        LinkedHashMap<String, Attribute> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            if (ENTITY_MEMBERS.contains(field.getKey())) continue;
            attributes.put(checkName(field.getKey()), readAttribute(field.getKey(), field.getValue()));
        }
        return attributes;
    }

    /**
     * The attribute fragments of an entity fragment (merge bodies), by name, not yet read: what each means depends on
     * the attribute it is merged into. Entity members are left out; names are checked.
     */
    public static LinkedHashMap<String, JsonNode> readFragments(JsonNode node) {
        if (node == null || !node.isObject()) throw ProblemException.badData("attributes must be given as a JSON object");
        LinkedHashMap<String, JsonNode> fragments = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            if (!ENTITY_MEMBERS.contains(field.getKey())) fragments.put(checkName(field.getKey()), field.getValue());
        }
        return fragments;
    }

    /**
     * True when a JSON object is (part of) an attribute rather than a plain JSON value: it names an attribute member
     * such as value, object, unitCode or observedAt, or holds a sub-attribute in the normalized form.
     */
    public static boolean isAttributeObject(JsonNode node) {
        if (!node.isObject()) return false;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            if (ATTRIBUTE_MEMBERS.contains(field.getKey()) && !field.getKey().equals("@context")) return true;
            JsonNode v = field.getValue();
            if (v.isObject() && (v.has("type") || v.has("value") || v.has("object"))) return true;
        }
        return false;
    }

    public static Attribute readAttribute(String name, JsonNode node) {
        if (node == null || node.isNull()) throw ProblemException.badData("attribute " + name + " has a null value");
        if (node.isArray() && isMultiInstance((ArrayNode) node)) {
            throw new ProblemException(ProblemType.OPERATION_NOT_SUPPORTED, "attribute " + name + ": multi-instance attributes (several datasetIds) are not supported yet");
        }
        if (!node.isObject()) return Property.of(node, null);
        if (GeoJson.looksLikeGeometry(node)) return GeoProperty.of(node);
        String kind = node.path("type").asText(null);
        if (kind == null || !isAttributeKind(kind)) {
            if (node.has("object")) kind = "Relationship";
            else if (node.has("value")) kind = GeoJson.looksLikeGeometry(node.get("value")) ? "GeoProperty" : "Property";
            else return Property.of(node, null);
        }
        Instant observedAt = node.hasNonNull("observedAt") ? Times.parse(node.get("observedAt").asText(), name + ".observedAt") : null;
        String datasetId = node.hasNonNull("datasetId") ? EntityIds.requireUri(node.get("datasetId").asText(), name + ".datasetId") : null;
        Map<String, Attribute> sub = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            if (!ATTRIBUTE_MEMBERS.contains(field.getKey())) sub.put(checkName(field.getKey()), readAttribute(field.getKey(), field.getValue()));
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
                JsonNode value = node.has("value") ? node.get("value") : node.has("json") ? node.get("json")
                        : node.has("vocab") ? node.get("vocab") : node.get("languageMap");
                if (value == null || value.isNull()) throw ProblemException.badData("property " + name + " needs a value");
                String unit = node.hasNonNull("unitCode") ? node.get("unitCode").asText() : null;
                yield new Property(value, unit, observedAt, datasetId, sub, null, null);
            }
        };
    }

    private static boolean isAttributeKind(String kind) {
        return switch (kind) {
            case "Property", "GeoProperty", "Relationship", "LanguageProperty", "JsonProperty", "VocabProperty", "ListProperty" -> true;
            default -> false;
        };
    }

    private static boolean isMultiInstance(ArrayNode array) {
        if (array.isEmpty()) return false;
        for (JsonNode n : array) {
            if (!n.isObject() || !isAttributeKind(n.path("type").asText(""))) return false;
        }
        return true;
    }

    private static String checkName(String name) {
        if (name.isEmpty() || name.length() > EntityIds.MAX_BYTES || EntityIds.utf8Length(name) > EntityIds.MAX_BYTES) {
            throw ProblemException.badData("an attribute name must be 1 to " + EntityIds.MAX_BYTES + " bytes of UTF-8: " + EntityIds.abbreviate(name));
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < ' ' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '=' || c == ';' || c == '(' || c == ')') {
                throw ProblemException.badData("invalid character in attribute name: " + EntityIds.abbreviate(name));
            }
        }
        return name;
    }

    private static String text(JsonNode node, String what) {
        if (node == null || !node.isTextual()) throw ProblemException.badData(what + " must be a string");
        return node.asText();
    }

    public static ObjectNode write(Entity entity, Format format, boolean sysAttrs, Predicate<String> includeAttribute) {
        ObjectNode out = writeHeader(entity, format, sysAttrs);
        entity.attributes().forEach((name, attribute) -> {
            if (includeAttribute.test(name)) out.set(name, writeAttribute(attribute, format, sysAttrs));
        });
        return out;
    }

    /** The members of an entity that are not attributes: id, type and, when asked, its system timestamps. */
    public static ObjectNode writeHeader(Entity entity, Format format, boolean sysAttrs) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("id", entity.id());
        if (entity.types().size() == 1) {
            out.put("type", entity.type());
        } else {
            ArrayNode types = out.putArray("type");
            entity.types().forEach(types::add);
        }
        // keyValues too: the entity's own system attributes have a place there, its attributes' have not
        if (sysAttrs) {
            if (entity.createdAt() != null) out.put("createdAt", Times.format(entity.createdAt()));
            if (entity.modifiedAt() != null) out.put("modifiedAt", Times.format(entity.modifiedAt()));
        }
        return out;
    }

    public static JsonNode writeAttribute(Attribute attribute, Format format, boolean sysAttrs) {
        if (format == Format.KEY_VALUES) {
            return switch (attribute) {
                case Property p -> p.value();
                case GeoProperty g -> g.geoJson();
                case Relationship r -> Json.NODES.textNode(r.object());
            };
        }
        ObjectNode out = Json.NODES.objectNode();
        boolean concise = format == Format.CONCISE;
        switch (attribute) {
            case Property p -> {
                if (concise && p.unitCode() == null && p.observedAt() == null && p.datasetId() == null && p.subAttributes().isEmpty()
                        && !sysAttrs && !p.value().isObject()) {
                    return p.value();
                }
                if (!concise) out.put("type", "Property");
                out.set("value", p.value());
                if (p.unitCode() != null) out.put("unitCode", p.unitCode());
            }
            case GeoProperty g -> {
                if (!concise) out.put("type", "GeoProperty");
                out.set("value", g.geoJson());
            }
            case Relationship r -> {
                if (!concise) out.put("type", "Relationship");
                out.put("object", r.object());
            }
        }
        if (attribute.observedAt() != null) out.put("observedAt", Times.format(attribute.observedAt()));
        if (attribute.datasetId() != null) out.put("datasetId", attribute.datasetId());
        if (sysAttrs) {
            if (attribute.createdAt() != null) out.put("createdAt", Times.format(attribute.createdAt()));
            if (attribute.modifiedAt() != null) out.put("modifiedAt", Times.format(attribute.modifiedAt()));
        }
        attribute.subAttributes().forEach((name, sub) -> out.set(name, writeAttribute(sub, format, sysAttrs)));
        return out;
    }
}
