package io.city4d.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** Reads the term definitions of a JSON-LD context object: each term and the IRI it stands for. */
public final class ContextTerms {
    private ContextTerms() {}

    /**
     * Adds the term definitions of one context object to a map, resolving compact IRIs against the prefixes it and
     * the map already know, and terms that name no IRI of their own against the object's {@code @vocab}.
     */
    public static void collect(JsonNode contextObject, Map<String, String> into) {
        Map<String, String> raw = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : contextObject.properties()) {
            String key = e.getKey();
            if (key.startsWith("@")) continue;
            JsonNode def = e.getValue();
            String id = def.isTextual() ? def.asText() : def.isObject() && def.path("@id").isTextual() ? def.get("@id").asText() : null;
            if (id != null && !id.startsWith("@")) raw.put(key, id);
        }
        String vocab = contextObject.path("@vocab").isTextual() ? contextObject.get("@vocab").asText() : null;
        raw.forEach((term, id) -> into.put(term, resolve(id, raw, into, vocab)));
    }

    private static String resolve(String id, Map<String, String> local, Map<String, String> known, String vocab) {
        int colon = id.indexOf(':');
        if (colon > 0 && !id.startsWith("//", colon + 1)) {
            String prefix = id.substring(0, colon);
            String base = local.getOrDefault(prefix, known.get(prefix));
            if (base != null && !base.equals(id)) return base + id.substring(colon + 1);
        }
        if (colon < 0) {
            String aliased = local.getOrDefault(id, known.get(id));
            if (aliased != null && !aliased.equals(id)) return aliased;
            // "attributeCount": "attributeCount" in the core context is relative to its @vocab, as JSON-LD reads it
            if (vocab != null) return vocab + id;
        }
        return id;
    }
}
