package io.city4d.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Short terms expand as the bundled core context says, so that the API compacts them back to the same terms. */
class VocabularyTest {

    @Test
    void termsOfTheCoreContextExpandToItsIris() {
        assertThat(Vocabulary.expandDefault("status")).isEqualTo("https://uri.etsi.org/ngsi-ld/status");
        assertThat(Vocabulary.expandDefault("description")).isEqualTo("http://purl.org/dc/terms/description");
        assertThat(Vocabulary.expandDefault("location")).isEqualTo(Vocabulary.LOCATION);
        assertThat(CoreContext.terms()).hasSizeGreaterThan(80).allSatisfy((term, iri) -> {
            assertThat(Vocabulary.expandDefault(term)).as(term).isEqualTo(iri);
            assertThat(iri).as(term).contains(":");
        });
    }

    @Test
    void otherTermsExpandIntoTheDefaultVocabularyAndIrisStay() {
        assertThat(Vocabulary.expandDefault("pm25")).isEqualTo(Vocabulary.DEFAULT_CONTEXT + "pm25");
        // the core context names attributeCount relative to its @vocab, the default vocabulary
        assertThat(Vocabulary.expandDefault("attributeCount")).isEqualTo(Vocabulary.DEFAULT_CONTEXT + "attributeCount");
        assertThat(Vocabulary.expandDefault("urn:example:status")).isEqualTo("urn:example:status");
        assertThat(CoreContext.terms()).doesNotContainKeys("id", "type");
    }
}
