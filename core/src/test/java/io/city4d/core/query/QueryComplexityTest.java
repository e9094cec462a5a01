package io.city4d.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A q of more terms than a store answers quickly is refused as too complex; a long list of values is one term. */
class QueryComplexityTest {

    private static String terms(int n, String separator) {
        return IntStream.range(0, n).mapToObj(i -> "a" + i + "==" + i).collect(Collectors.joining(separator));
    }

    @Test
    void aQOfTheMostTermsIsParsedAndOneMoreIsTooComplex() {
        assertThat(QueryParser.parse(terms(QueryParser.MAX_TERMS, ";"))).isInstanceOf(QExpr.And.class);
        assertThat(QueryParser.parse("(" + terms(50, "|") + ");(" + terms(QueryParser.MAX_TERMS - 50, "|") + ")")).isInstanceOf(QExpr.And.class);
        for (String q : new String[] {terms(QueryParser.MAX_TERMS + 1, ";"), terms(QueryParser.MAX_TERMS + 1, "|"),
                "(" + terms(60, "|") + ");(" + terms(60, ";") + ")", "!x;" + terms(QueryParser.MAX_TERMS, "|")}) {
            assertThatThrownBy(() -> QueryParser.parse(q)).isInstanceOfSatisfying(ProblemException.class, e -> {
                assertThat(e.type()).isEqualTo(ProblemType.TOO_COMPLEX_QUERY);
                assertThat(e.detail()).contains("more than " + QueryParser.MAX_TERMS + " terms");
            });
        }
    }

    @Test
    void aListOfThousandsOfValuesIsOneTerm() {
        String values = IntStream.range(0, 2_000).mapToObj(i -> Integer.toString(i % 10)).collect(Collectors.joining(","));
        assertThat(QueryParser.parse("temperature==" + values)).isInstanceOfSatisfying(QExpr.Compare.class,
                c -> assertThat(((QValue.ValueList) c.value()).values()).hasSize(2_000));
    }
}
