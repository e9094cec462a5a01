package io.city4d.core.model;

/**
 * The kinds of NGSI-LD attribute that hold a JSON value (clause 4.5 of GS CIM 009 v1.8), each with the member that
 * carries the value in the normalized form. A ListRelationship holds its objects as a JSON array of URIs.
 */
public enum ValueKind {
    PROPERTY("Property", "value"),
    JSON("JsonProperty", "json"),
    VOCAB("VocabProperty", "vocab"),
    LANGUAGE("LanguageProperty", "languageMap"),
    LIST("ListProperty", "valueList"),
    LIST_RELATIONSHIP("ListRelationship", "objectList");

    private final String typeName;
    private final String member;

    ValueKind(String typeName, String member) {
        this.typeName = typeName;
        this.member = member;
    }

    public String typeName() { return typeName; }

    public String member() { return member; }

    /** The kind of that NGSI-LD type name, or null. */
    public static ValueKind ofType(String typeName) {
        for (ValueKind k : values()) if (k.typeName.equals(typeName)) return k;
        return null;
    }

    /** The kind whose value member the attribute object holds (other than "value"), or null. */
    public static ValueKind ofMembers(com.fasterxml.jackson.databind.JsonNode node) {
        for (ValueKind k : values()) if (k != PROPERTY && node.has(k.member)) return k;
        return null;
    }
}
