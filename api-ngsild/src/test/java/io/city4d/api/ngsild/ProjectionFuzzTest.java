package io.city4d.api.ngsild;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.testing.Refusals;
import java.util.List;
import java.util.Map;

/** pick and omit, from any text: a projection that reads back the same, or 400 BadRequestData. Corpus: ProjectionFuzzTestInputs/projection. */
class ProjectionFuzzTest {
    static final LdContext CONTEXT = new LdContext(Map.of("ex", "https://example.org/"), List.of("https://example.org/context.jsonld"));

    @FuzzTest
    void projection(byte[] input) {
        String text = new String(input, UTF_8);
        Refusals.returnsOrRefuses(() -> {
            Projection read = Projection.parse("pick", text, CONTEXT);
            assertThat(read.linkDepth()).isLessThanOrEqualTo(Projection.MAX_DEPTH);
            assertThat(Projection.parse("pick", read.toString(), CONTEXT).toString()).isEqualTo(read.toString());
        }, refusal -> assertThat(refusal.type()).isEqualTo(ProblemType.BAD_REQUEST_DATA));
    }
}
