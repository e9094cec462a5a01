package io.city4d.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Attribute;
import io.city4d.core.model.EntityJson;
import io.city4d.core.model.Format;
import io.city4d.core.model.GeoJson;
import io.city4d.core.model.Json;
import io.city4d.core.model.NgsiNull;
import io.city4d.core.problem.ProblemException;
import java.util.Map;
import java.util.Set;

/**
 * NGSI-LD's merge of a fragment into a stored attribute, shared by the merge of entities (clause 5.6.17) and the
 * partial update of one attribute (clause 5.6.4): the members the fragment gives replace the stored ones, the rest
 * stay, and sub-attributes merge the same way. {@code "urn:ngsi-ld:null"} removes a member; as the value or the
 * object it removes the attribute itself. A fragment of another kind (say a Relationship over a Property) replaces.
 */
final class AttributeMerge {

    private AttributeMerge() {}

    /**
     * Merges an attribute as given in an entity fragment, which may be concise ({@code 42}, a GeoJSON geometry, a
     * JSON object without attribute members: a new value) or normalized (its members).
     *
     * @param old the stored attribute, or null when the entity has none of that name
     * @return the merged attribute, or null when the fragment deletes it
     */
    static Attribute merge(String name, Attribute old, JsonNode fragment) {
        return read(name, merged(name, stored(old), members(name, fragment)));
    }

    /** Merges one attribute's members (the body of PATCH .../attrs/{attr}) into the stored attribute. */
    static Attribute patch(String name, Attribute old, ObjectNode members) {
        return read(name, merged(name, stored(old), members));
    }

    private static ObjectNode stored(Attribute old) {
        return old == null ? null : (ObjectNode) EntityJson.writeAttribute(old, Format.NORMALIZED, false);
    }

    private static Attribute read(String name, ObjectNode json) {
        return json == null ? null : EntityJson.readAttribute(name, json);
    }

    /** A fragment as members: a concise value becomes {"value": ...}. */
    private static ObjectNode members(String name, JsonNode fragment) {
        if (fragment.isObject() && !GeoJson.looksLikeGeometry(fragment) && EntityJson.isAttributeObject(fragment)) return (ObjectNode) fragment;
        if (!NgsiNull.is(fragment)) EntityJson.readAttribute(name, fragment); // refuses what no attribute can be: null, several instances
        return Json.NODES.objectNode().set("value", fragment);
    }

    /** The stored attribute's JSON (null for none) with the members laid over it, or null when they delete it. */
    private static ObjectNode merged(String name, ObjectNode stored, ObjectNode members) {
        if (NgsiNull.deletes(members)) return null;
        ObjectNode out = stored == null ? Json.NODES.objectNode() : stored.deepCopy();
        if (stored != null && members.has("type") && !members.get("type").equals(stored.get("type"))) out.removeAll();
        for (Map.Entry<String, JsonNode> field : members.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (EntityJson.ATTRIBUTE_MEMBERS.contains(key)) {
                if (isNull(value)) out.remove(key);
                else out.set(key, value);
            } else {
                ObjectNode sub = merged(key, out.get(key) instanceof ObjectNode s ? s : null, members(key, value));
                if (sub == null) out.remove(key);
                else out.set(key, sub);
            }
        }
        if (stored == null && EntityJson.VALUE_MEMBERS.stream().noneMatch(out::has)) {
            throw ProblemException.badData("attribute " + name + " does not exist yet, so it needs a value (or an object)");
        }
        return out;
    }

    private static boolean isNull(JsonNode member) {
        return NgsiNull.is(member);
    }
}
