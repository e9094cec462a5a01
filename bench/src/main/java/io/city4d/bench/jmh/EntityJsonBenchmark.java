package io.city4d.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Entity;
import io.city4d.core.model.EntityJson;
import io.city4d.core.model.Format;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Reading an entity from parsed JSON and writing it back, on every create, read and notification. */
@State(Scope.Benchmark)
public class EntityJsonBenchmark {
    JsonNode node;
    Entity entity;

    @Setup
    public void setUp() {
        node = BenchData.entityNode();
        entity = BenchData.entity();
    }

    @Benchmark
    public Entity read() {
        return EntityJson.read(node);
    }

    @Benchmark
    public JsonNode writeNormalized() {
        return EntityJson.write(entity, Format.NORMALIZED, false, name -> true);
    }

    @Benchmark
    public String writeKeyValuesText() {
        return EntityJson.write(entity, Format.KEY_VALUES, false, name -> true).toString();
    }
}
