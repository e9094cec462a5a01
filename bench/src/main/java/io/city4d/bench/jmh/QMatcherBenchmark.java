package io.city4d.bench.jmh;

import io.city4d.core.model.Entity;
import io.city4d.core.query.QMatcher;
import io.city4d.core.query.QueryParser;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Evaluating compiled q expressions against an entity, as the subscription engine does for every change. */
@State(Scope.Benchmark)
public class QMatcherBenchmark {
    Entity entity;
    Predicate<Entity> range;
    Predicate<Entity> compound;

    @Setup
    public void setUp() {
        entity = BenchData.entity();
        range = QMatcher.compile(QueryParser.parse(BenchData.q("pm25>30;pm25<40")));
        compound = QMatcher.compile(QueryParser.parse(BenchData.q("(pm25>50;pm10<=100)|status==\"moderate\"")));
    }

    @Benchmark
    public boolean range() {
        return range.test(entity);
    }

    @Benchmark
    public boolean compound() {
        return compound.test(entity);
    }
}
