package io.city4d.bench.jmh;

import io.city4d.core.query.QExpr;
import io.city4d.core.query.QueryParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Parsing q expressions, as every query and subscription does. */
@State(Scope.Benchmark)
public class QueryParserBenchmark {
    String simple = "pm25>50";
    String compound = "(pm25>50;pm10<=100)|status==\"alert\";location.observedAt>=\"2026-11-25T00:00:00Z\"";

    @Benchmark
    public QExpr simple() {
        return QueryParser.parse(simple);
    }

    @Benchmark
    public QExpr compound() {
        return QueryParser.parse(compound);
    }
}
