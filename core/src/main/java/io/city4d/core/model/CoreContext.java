package io.city4d.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The NGSI-LD core @context (v1.8), bundled so that nothing needs the internet: the document itself, and the IRI
 * each of its terms stands for. Whatever names terms, the API, device profiles or the simulator, expands them by it.
 */
public final class CoreContext {
    private static final JsonNode DOCUMENT = load();
    private static final Map<String, String> TERMS = terms(DOCUMENT);

    private CoreContext() {}

    /** The document as published, {@code {"@context": {...}}}; callers must not change it. */
    public static JsonNode document() { return DOCUMENT; }

    /** Term to IRI, for the terms that name an IRI (not those that alias a keyword, as {@code id} and {@code type} do). */
    public static Map<String, String> terms() { return TERMS; }

    private static JsonNode load() {
        try (InputStream in = CoreContext.class.getResourceAsStream("ngsi-ld-core-context-v1.8.jsonld")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> terms(JsonNode document) {
        Map<String, String> terms = new LinkedHashMap<>();
        ContextTerms.collect(document.get("@context"), terms);
        return Map.copyOf(terms);
    }
}
