package io.city4d.core.model;

/** Well-known IRIs of the NGSI-LD core vocabulary. */
public final class Vocabulary {
    public static final String NGSI_LD = "https://uri.etsi.org/ngsi-ld/";
    public static final String DEFAULT_CONTEXT = NGSI_LD + "default-context/";
    public static final String CORE_CONTEXT_URL = NGSI_LD + "v1/ngsi-ld-core-context-v1.8.jsonld";
    public static final String LOCATION = NGSI_LD + "location";
    public static final String OBSERVATION_SPACE = NGSI_LD + "observationSpace";
    public static final String OPERATION_SPACE = NGSI_LD + "operationSpace";
    /** The attributes the core context defines as GeoProperties. */
    public static final java.util.Set<String> GEO_PROPERTIES = java.util.Set.of(LOCATION, OBSERVATION_SPACE, OPERATION_SPACE);

    private Vocabulary() {}

    /**
     * The IRI a short term has when no user context defines it: the one the core context gives it ({@code status} is
     * {@code https://uri.etsi.org/ngsi-ld/status}), else the term in the default vocabulary. A term with a colon is
     * taken as an IRI already.
     */
    public static String expandDefault(String term) {
        if (term.contains(":")) return term;
        String core = CoreContext.terms().get(term);
        return core != null ? core : DEFAULT_CONTEXT + term;
    }
}
