package io.city4d.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.query.QExpr.AttrPath;
import io.city4d.core.query.QExpr.Op;
import io.city4d.core.testing.Texts;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class QueryParserTest {

    @Test
    void parsesComparisonsWithPrecedenceOfAndOverOr() {
        QExpr e = QueryParser.parse("a>1;b==\"x\"|c");
        assertThat(e).isEqualTo(new QExpr.Or(List.of(
                new QExpr.And(List.of(new QExpr.Compare(AttrPath.of("a"), Op.GT, new QValue.Num(1)),
                        new QExpr.Compare(AttrPath.of("b"), Op.EQ, new QValue.Str("x")))),
                new QExpr.Exists(AttrPath.of("c"), false))));
    }

    @Test
    void parsesRangesListsTimesPathsAndAbsence() {
        assertThat(QueryParser.parse("t==1..5")).isEqualTo(new QExpr.Compare(AttrPath.of("t"), Op.EQ, new QValue.Range(new QValue.Num(1), new QValue.Num(5))));
        assertThat(QueryParser.parse("s==\"a\",\"b\"")).isEqualTo(new QExpr.Compare(AttrPath.of("s"), Op.EQ,
                new QValue.ValueList(List.of(new QValue.Str("a"), new QValue.Str("b")))));
        assertThat(QueryParser.parse("at<2026-01-01T00:00:00Z")).isEqualTo(new QExpr.Compare(AttrPath.of("at"), Op.LT,
                new QValue.Time(Instant.parse("2026-01-01T00:00:00Z"))));
        assertThat(QueryParser.parse("temp.accuracy[k.j]>=2")).isEqualTo(new QExpr.Compare(
                new AttrPath("temp", List.of("accuracy"), List.of("k", "j")), Op.GE, new QValue.Num(2)));
        assertThat(QueryParser.parse("!broken")).isEqualTo(new QExpr.Exists(AttrPath.of("broken"), true));
        assertThat(QueryParser.parse("name~=\"^Hàng.*\"")).isEqualTo(new QExpr.Match(AttrPath.of("name"), "^Hàng.*", false));
        assertThat(QueryParser.parse("https://example.org/attr.x>1")).isEqualTo(new QExpr.Compare(AttrPath.of("https://example.org/attr.x"), Op.GT, new QValue.Num(1)));
        assertThat(QueryParser.parse("ok==true")).isEqualTo(new QExpr.Compare(AttrPath.of("ok"), Op.EQ, new QValue.Bool(true)));
    }

    @Test
    void refusesMalformedQueriesWithBadRequestData() {
        for (String bad : List.of("", "a>", ">1", "(a>1", "a>1)", "a>>1", "a==\"open", "a~=\"[\"", "a>1..2", "a;", "a==1;;b")) {
            assertThatThrownBy(() -> QueryParser.parse(bad)).as(bad).isInstanceOf(ProblemException.class)
                    .extracting(e -> ((ProblemException) e).type()).isEqualTo(ProblemType.BAD_REQUEST_DATA);
        }
    }

    @Test
    void refusesQueriesTooDeepOrTooLong() {
        assertThatThrownBy(() -> QueryParser.parse("(".repeat(40) + "a" + ")".repeat(40)))
                .extracting(e -> ((ProblemException) e).type()).isEqualTo(ProblemType.TOO_COMPLEX_QUERY);
        assertThatThrownBy(() -> QueryParser.parse("a==1;".repeat(2000) + "a==1"))
                .extracting(e -> ((ProblemException) e).type()).isEqualTo(ProblemType.TOO_COMPLEX_QUERY);
    }

    @Test
    void anyInputEitherParsesOrIsRefusedAsAProblem() {
        qt().withExamples(3000).forAll(hostile()).checkAssert(QueryFuzzTest::parsesOrRefuses);
    }

    @Test
    void comparisonsOfGeneratedNamesAndNumbersRoundTrip() {
        qt().withExamples(500).forAll(names(), Generate.enumValues(Op.class), doubles().any()).checkAssert((name, op, value) -> {
            if (!Double.isFinite(value)) return;
            QExpr parsed = QueryParser.parse(name + op.symbol + value);
            assertThat(parsed).isEqualTo(new QExpr.Compare(AttrPath.of(name), op, new QValue.Num(value)));
        });
    }

    private static Gen<String> hostile() {
        return Generate.oneOf(Texts.any(60), Texts.from("ab1.;|()[]!=<>~\",'-:TZ ", 40));
    }

    private static Gen<String> names() {
        return Texts.of(Generate.characters('a', 'z'), 1, 12);
    }
}
