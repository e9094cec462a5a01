package io.city4d.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.city4d.core.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntityIdsTest {
    /** Characters that show as nothing or as a space, so that an id holding one reads as another id. */
    @ParameterizedTest
    @ValueSource(ints = {0x202E, 0x200B, 0xFEFF, 0x2028, 0x00A0, 0xFE0F, 0xE0100, 0xFDD0, 0xFFFE, 0x1FFFF, 0x115F, 0x3164, 0xFFA0, 0x2800, 0x180B, 0x034F})
    void anIdWithAnInvisibleCharacterIsNoUri(int codePoint) {
        String id = "urn:ngsi-ld:Vehicle:" + Character.toString(codePoint) + "1";
        assertThat(EntityIds.isUri(id)).isFalse();
        assertThatThrownBy(() -> EntityIds.requireUri(id, "id"))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining(String.format("U+%04X at index 20", codePoint));
    }

    @Test
    void visibleNonAsciiCharactersStayAllowed() {
        assertThat(EntityIds.isUri("urn:ngsi-ld:Street:Phố-Hàng-Bạc")).isTrue();
        assertThat(EntityIds.isUri("urn:ngsi-ld:Place:東京")).isTrue();
        assertThat(EntityIds.isUri("urn:ngsi-ld:Sign:\uD83D\uDEA6")).isTrue();
    }
}
