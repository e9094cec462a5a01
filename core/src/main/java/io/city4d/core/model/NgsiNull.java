package io.city4d.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.problem.ProblemException;

/**
 * The NGSI-LD Null, {@code "urn:ngsi-ld:null"} (clause 5.2.1): in a partial update or a merge it removes what it is
 * given for; anywhere else it is BadRequestData.
 */
public final class NgsiNull {
    public static final String VALUE = "urn:ngsi-ld:null";

    private NgsiNull() {}

    public static boolean is(JsonNode node) {
        return node != null && node.isTextual() && VALUE.equals(node.asText());
    }

    /** True when the attribute JSON (concise or normalized) deletes its instance: its value is the NGSI-LD Null. */
    public static boolean deletes(JsonNode attribute) {
        if (is(attribute)) return true;
        if (attribute == null || !attribute.isObject()) return false;
        for (String member : EntityJson.VALUE_MEMBERS) if (is(attribute.get(member))) return true;
        JsonNode languageMap = attribute.get("languageMap");
        return languageMap != null && languageMap.isObject() && languageMap.size() == 1 && is(languageMap.get("@none"));
    }

    /** Refuses a value that holds the NGSI-LD Null anywhere in it. */
    static void refuseIn(String name, JsonNode value) {
        if (contains(value)) throw ProblemException.badData("attribute " + name + ": " + VALUE + " only removes something in a partial update or a merge");
    }

    private static boolean contains(JsonNode value) {
        if (value.isTextual()) return VALUE.equals(value.asText());
        if (!value.isContainerNode()) return false;
        for (JsonNode element : value) if (contains(element)) return true;
        return false;
    }
}
