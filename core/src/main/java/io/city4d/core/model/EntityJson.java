package io.city4d.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.problem.ProblemException;
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
    /** The members that hold an attribute's value, object or list, one for each kind. */
    public static final Set<String> VALUE_MEMBERS = Set.of("value", "object", "json", "vocab", "languageMap", "valueList", "objectList");
    /** Attribute members that are not sub-attributes. */
    public static final Set<String> ATTRIBUTE_MEMBERS = Set.of("type", "value", "object", "observedAt", "unitCode", "datasetId",
            "createdAt", "modifiedAt", "deletedAt", "instanceId", "lang", "vocab", "json", "languageMap", "valueList", "objectList", "objectType", "valueType", "previousValue", "previousObject", "previousJson", "previousVocab",
            "previousLanguageMap", "previousValueList", "previousObjectList", "@context");
    /** The core's terms that name attribute members, expanded: no attribute may be named so. */
    private static final String CORE_VOCABULARY = "https://uri.etsi.org/ngsi-ld/";

    private EntityJson() {}

    /** An entity as a client gives it. */
    public static Entity read(JsonNode node) {
        return read(node, AttributeReader.INPUT);
    }

    /** An entity as the store wrote it, read without the rules on client input. */
    public static Entity readStored(JsonNode node) {
        return read(node, AttributeReader.STORED);
    }

    private static Entity read(JsonNode node, AttributeReader reader) {
        if (node == null || !node.isObject()) throw ProblemException.badData("an entity must be a JSON object");
        String id = text(node.has("id") ? node.get("id") : node.get("@id"), "entity id");
        List<String> types = readTypes(node.has("type") ? node.get("type") : node.get("@type"));
        return new Entity(id, types, readAttributes(node, reader), Scopes.ofFragment(node, false), null, null);
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
    public static LinkedHashMap<String, List<Attribute>> readAttributes(JsonNode node) {
        return readAttributes(node, AttributeReader.INPUT);
    }

    private static LinkedHashMap<String, List<Attribute>> readAttributes(JsonNode node, AttributeReader reader) {
        if (node == null || !node.isObject()) throw ProblemException.badData("attributes must be given as a JSON object");
        LinkedHashMap<String, List<Attribute>> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (ENTITY_MEMBERS.contains(field.getKey())) continue;
                List<Attribute> instances = reader.instances(field.getKey(), field.getValue());
            if (reader == AttributeReader.INPUT && Vocabulary.GEO_PROPERTIES.contains(field.getKey())
                    && instances.stream().anyMatch(i -> !(i instanceof GeoProperty))) {
                throw ProblemException.badData(field.getKey() + " is a GeoProperty in the core context (clause 4.7)");
            }
            attributes.put(reader.checkName(field.getKey()), instances);
        }
        return attributes;
    }

    /**
     * The attribute fragments (names and instances, not read) of an update body that delete with the NGSI-LD Null
     * (clause 5.6.2), as the name's list of their datasetIds ("" for the default instance); they are taken out of the body.
     */
    public static Map<String, List<String>> takeNulled(ObjectNode body) {
        Map<String, List<String>> nulled = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.properties().iterator(); it.hasNext(); ) {
            var field = it.next();
            if (ENTITY_MEMBERS.contains(field.getKey())) continue;
            JsonNode value = field.getValue();
            List<JsonNode> instances = new ArrayList<>();
            if (isMultiInstance(value)) value.forEach(instances::add);
            else instances.add(value);
            if (instances.stream().noneMatch(NgsiNull::deletes)) continue;
            ArrayNode kept = Json.NODES.arrayNode();
            for (JsonNode instance : instances) {
                if (!NgsiNull.deletes(instance)) kept.add(instance);
                else nulled.computeIfAbsent(checkName(field.getKey(), true), n -> new ArrayList<>()).add(instance.path("datasetId").asText(""));
            }
            if (kept.isEmpty()) it.remove();
            else field.setValue(kept.size() == 1 ? kept.get(0) : kept);
        }
        return nulled;
    }

    /**
     * The attribute fragments of an entity fragment (merge bodies), by name, not yet read: what each means depends on
     * the attribute it is merged into. Entity members are left out but for a valid scope; names are checked.
     */
    public static LinkedHashMap<String, JsonNode> readFragments(JsonNode node) {
        if (node == null || !node.isObject()) throw ProblemException.badData("attributes must be given as a JSON object");
        LinkedHashMap<String, JsonNode> fragments = new LinkedHashMap<>();
        if (Scopes.ofFragment(node, true) != null) fragments.put(Scopes.MEMBER, node.get(Scopes.MEMBER));
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!ENTITY_MEMBERS.contains(field.getKey())) fragments.put(checkName(field.getKey(), true), field.getValue());
        }
        return fragments;
    }

    /**
     * True when a JSON object is (part of) an attribute rather than a plain JSON value: it names an attribute member
     * such as value, object, unitCode or observedAt, or holds a sub-attribute in the normalized form.
     */
    public static boolean isAttributeObject(JsonNode node) {
        if (!node.isObject()) return false;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (ATTRIBUTE_MEMBERS.contains(field.getKey()) && !field.getKey().equals("@context")) return true;
            JsonNode v = field.getValue();
            if (v.isObject() && (v.has("type") || v.has("value") || v.has("object"))) return true;
        }
        return false;
    }

    /** One attribute; several instances are refused here (400). */
    public static Attribute readAttribute(String name, JsonNode node) {
        return AttributeReader.INPUT.attribute(name, node);
    }

    /** The instances of one attribute: an array of instances (clause 4.5.5) or a single one. */
    public static List<Attribute> readInstances(String name, JsonNode node) {
        return AttributeReader.INPUT.instances(name, node);
    }

    /** True when the JSON holds several instances of an attribute rather than one. */
    public static boolean isMultiInstance(JsonNode node) {
        return node.isArray() && AttributeReader.isMultiInstance((ArrayNode) node);
    }

    /** Refuses (BadRequestData) a name that cannot be an attribute's; {@code input} also refuses the reserved ones. */
    public static String checkName(String name, boolean input) {
        if (input && (ATTRIBUTE_MEMBERS.contains(name) || name.startsWith(CORE_VOCABULARY) && ATTRIBUTE_MEMBERS.contains(name.substring(CORE_VOCABULARY.length())))) {
            throw ProblemException.badData("an attribute cannot be named " + name + ": the core context reserves it for an attribute member");
        }
        if (name.isEmpty() || name.length() > EntityIds.MAX_BYTES || EntityIds.utf8Length(name) > EntityIds.MAX_BYTES) {
            throw ProblemException.badData("an attribute name must be 1 to " + EntityIds.MAX_BYTES + " bytes of UTF-8: " + EntityIds.abbreviate(name));
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < ' ' || input && c == ' ' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '=' || c == ';' || c == '(' || c == ')') {
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
        entity.attributes().forEach((name, instances) -> {
            if (includeAttribute.test(name)) out.set(name, writeInstances(instances, format, sysAttrs));
        });
        return out;
    }

    /** The members of an entity that are not attributes: id, type, scope and, when asked, its system timestamps. */
    public static ObjectNode writeHeader(Entity entity, Format format, boolean sysAttrs) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("id", entity.id());
        if (entity.types().size() == 1) {
            out.put("type", entity.type());
        } else {
            ArrayNode types = out.putArray("type");
            entity.types().forEach(types::add);
        }
        if (!entity.scopes().isEmpty()) out.set(Scopes.MEMBER, Scopes.write(entity.scopes()));
        // keyValues too: the entity's own system attributes have a place there, its attributes' have not
        if (sysAttrs) {
            if (entity.createdAt() != null) out.put("createdAt", Times.format(entity.createdAt()));
            if (entity.modifiedAt() != null) out.put("modifiedAt", Times.format(entity.modifiedAt()));
        }
        return out;
    }

    /** An attribute's instances: one as itself, several as an array (keyValues: the map of clause 4.5.4, example 9). */
    public static JsonNode writeInstances(List<Attribute> instances, Format format, boolean sysAttrs) {
        return AttributeWriter.instances(instances, format, sysAttrs);
    }

    public static JsonNode writeAttribute(Attribute attribute, Format format, boolean sysAttrs) {
        return AttributeWriter.attribute(attribute, format, sysAttrs);
    }
}
