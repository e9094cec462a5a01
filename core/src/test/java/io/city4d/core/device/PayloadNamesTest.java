package io.city4d.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.city4d.core.model.EntityJson;
import io.city4d.core.model.Vocabulary;
import io.city4d.core.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The attribute names a payload's keys become: what a profile maps, or the key itself expanded as the core context
 * expands it, so that it reads back under the same name; never a name of the entity itself.
 */
class PayloadNamesTest {
    private static final DeviceProfile PARKING = DeviceRegistry.builtInProfiles().stream()
            .filter(p -> p.name().equals("parking-spot")).findFirst().orElseThrow();

    private static java.util.Set<String> names(String payload) {
        return PayloadMapper.map(PARKING, payload.getBytes(StandardCharsets.UTF_8), Instant.EPOCH).keySet();
    }

    @Test
    void keysExpandAsTheCoreContextSays() {
        assertThat(PARKING.entityTypes()).containsExactly(Vocabulary.DEFAULT_CONTEXT + "ParkingSpot");
        assertThat(names("{\"status\":\"free\"}")).containsExactly(Vocabulary.NGSI_LD + "status");
        assertThat(names("{\"battery\":3.1}")).containsExactly(Vocabulary.DEFAULT_CONTEXT + "battery");
        assertThat(names("{\"description\":\"bay 4\"}")).containsExactly("http://purl.org/dc/terms/description");
    }

    @Test
    void keysThatNameTheEntityItselfAreRefused() {
        for (String member : EntityJson.ENTITY_MEMBERS) {
            if (member.startsWith("@")) continue;
            assertThatThrownBy(() -> names("{\"" + member + "\":\"x\"}")).as(member).isInstanceOf(ProblemException.class)
                    .hasMessageContaining("payload key " + member);
        }
    }
}
