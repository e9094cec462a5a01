package io.city4d.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.problem.ProblemException;
import java.util.Set;

/**
 * The members each attribute kind may hold (clause 5.2.5 to 5.2.38): exactly its own value member, no value member of
 * another kind, no unit on a kind without a value of measure, and none of the members only a broker writes.
 */
final class AttributeShapes {
    /** What only a broker writes: a notification's previous values, and a compacted @context inside an attribute. */
    private static final Set<String> OUTPUT_ONLY = Set.of("previousValue", "previousObject", "previousJson", "previousVocab",
            "previousLanguageMap", "previousValueList", "previousObjectList", "@context");
    private static final Set<String> WITHOUT_UNIT = Set.of("Relationship", "ListRelationship", "JsonProperty", "VocabProperty",
            "LanguageProperty", "GeoProperty");

    private AttributeShapes() {}

    static void check(String name, String kind, JsonNode node) {
        String own = switch (kind) {
            case "Relationship" -> "object";
            case "GeoProperty" -> "value";
            default -> ValueKind.ofType(kind).member();
        };
        for (String member : EntityJson.VALUE_MEMBERS) {
            if (!member.equals(own) && node.has(member)) throw ProblemException.badData(kind + " " + name + " cannot have a " + member + " member");
        }
        for (String member : OUTPUT_ONLY) {
            if (node.has(member)) throw ProblemException.badData("attribute " + name + " cannot be given " + member);
        }
        if (node.has("unitCode") && WITHOUT_UNIT.contains(kind)) throw ProblemException.badData(kind + " " + name + " cannot have a unitCode");
        JsonNode valueType = node.get("valueType");
        if (valueType != null && kind.equals("LanguageProperty") && !"langString".equals(valueType.asText())) {
            throw ProblemException.badData("LanguageProperty " + name + ": valueType must be langString");
        }
    }
}
