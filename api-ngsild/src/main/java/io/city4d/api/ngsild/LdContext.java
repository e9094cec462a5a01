package io.city4d.api.ngsild;

import io.city4d.core.model.Vocabulary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An active JSON-LD context reduced to what NGSI-LD needs: expanding short names of types and attributes to IRIs
 * and compacting them back. Terms not defined fall to the NGSI-LD default vocabulary, as the core context says.
 */
public final class LdContext {
    /** Defines no term: it reads back names that are expanded already (as subscriptions store them). */
    static final LdContext EXPANDED = new LdContext(Map.of(), List.of());

    private final Map<String, String> termToIri;
    private final Map<String, String> iriToTerm;
    private final List<String> urls;

    LdContext(Map<String, String> termToIri, List<String> urls) {
        this.termToIri = Map.copyOf(termToIri);
        Map<String, String> reverse = new HashMap<>();
        termToIri.forEach((term, iri) -> {
            if (!term.contains(":")) reverse.merge(iri, term, (a, b) -> a.length() <= b.length() ? a : b);
        });
        this.iriToTerm = Map.copyOf(reverse);
        this.urls = List.copyOf(urls);
    }

    /** The context URLs a response should point at (Link header or @context), core context last. */
    public List<String> urls() { return urls; }

    public String expand(String term) {
        if (term == null || term.startsWith("@")) return term;
        String iri = termToIri.get(term);
        if (iri != null) return iri;
        int colon = term.indexOf(':');
        if (colon > 0) {
            String prefix = termToIri.get(term.substring(0, colon));
            if (prefix != null && !term.startsWith("//", colon + 1)) return prefix + term.substring(colon + 1);
            return term;
        }
        return Vocabulary.expandDefault(term);
    }

    public String compact(String iri) {
        String term = iriToTerm.get(iri);
        if (term != null) return term;
        if (iri.startsWith(Vocabulary.DEFAULT_CONTEXT)) {
            String rest = iri.substring(Vocabulary.DEFAULT_CONTEXT.length());
            if (!termToIri.containsKey(rest)) return rest;
        }
        return iri;
    }
}
