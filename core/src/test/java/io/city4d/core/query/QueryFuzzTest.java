package io.city4d.core.query;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.testing.Refusals;

/** The NGSI-LD q language, from any text: an expression, or 400 BadRequestData / 403 TooComplexQuery. Corpus: QueryFuzzTestInputs/q. */
class QueryFuzzTest {

    @FuzzTest
    void q(byte[] input) {
        parsesOrRefuses(new String(input, UTF_8));
    }

    static void parsesOrRefuses(String q) {
        Refusals.returnsOrRefuses(() -> QueryParser.parse(q),
                refusal -> assertThat(refusal.type()).isIn(ProblemType.BAD_REQUEST_DATA, ProblemType.TOO_COMPLEX_QUERY));
    }
}
