package io.city4d.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.testing.Refusals;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * NGSI-LD entities in the normalized form (expanded names), any bytes read as the HTTP edge reads a body, with Json's
 * limits: an entity that is written back, normalized or concise, to the same entity, or a 4xx. Corpus: EntityJsonFuzzTestInputs/entity.
 */
class EntityJsonFuzzTest {

    @FuzzTest
    void entity(byte[] input) {
        Refusals.returnsOrRefuses(() -> {
            Entity entity = EntityJson.read(json(input));
            assertThat(EntityJson.read(json(written(entity, Format.NORMALIZED)))).as("written and read again").isEqualTo(entity);
            assertThat(EntityJson.read(json(written(entity, Format.CONCISE)))).as("written concise and read again").isEqualTo(entity);
        });
    }

    private static JsonNode json(byte[] bytes) {
        try {
            JsonNode json = Json.TREE_READER.readTree(bytes);
            if (json == null || json.isMissingNode()) throw ProblemException.invalid("the body is empty");
            return json;
        } catch (JacksonException e) {
            throw ProblemException.invalid("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            // as the HTTP edge does: Jackson guesses UTF-16 or UTF-32 from leading NULs and may fail to decode them
            throw ProblemException.invalid("the body could not be read");
        }
    }

    private static byte[] written(Entity entity, Format format) {
        try {
            return Json.MAPPER.writeValueAsBytes(EntityJson.write(entity, format, false, name -> true));
        } catch (IOException e) {
            throw new UncheckedIOException("an accepted entity cannot be written as JSON", e);
        }
    }
}
