package io.city4d.core.model;

/** Well-known IRIs of the NGSI-LD core vocabulary. */
public final class Vocabulary {
    public static final String NGSI_LD = "https://uri.etsi.org/ngsi-ld/";
    public static final String DEFAULT_CONTEXT = NGSI_LD + "default-context/";
    public static final String CORE_CONTEXT_URL = NGSI_LD + "v1/ngsi-ld-core-context-v1.8.jsonld";
    public static final String LOCATION = NGSI_LD + "location";
    public static final String OBSERVATION_SPACE = NGSI_LD + "observationSpace";
    public static final String OPERATION_SPACE = NGSI_LD + "operationSpace";

    private Vocabulary() {}

    /** The IRI a short term has when no user context defines it (core terms first, then the default vocabulary). */
    public static String expandDefault(String term) {
        if (term.contains(":")) return term;
        return switch (term) {
            case "location" -> LOCATION;
            case "observationSpace" -> OBSERVATION_SPACE;
            case "operationSpace" -> OPERATION_SPACE;
            default -> DEFAULT_CONTEXT + term;
        };
    }
}
