package io.city4d.core.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** History of entities: for each, per attribute, either instances or aggregate buckets. */
public record TemporalResult(List<EntityHistory> entities) {

    public record EntityHistory(String id, List<String> types, Map<String, List<Instance>> instances,
                                Map<String, List<Bucket>> aggregates) {}

    /** One recorded value: its stored id, the attribute as it was written (normalized JSON), and its instant. */
    public record Instance(long id, JsonNode attribute, Instant at) {}

    /**
     * Aggregates over [from, to) of the attribute instance with that datasetId (null: the default instance). Values are
     * null where a method does not apply (e.g. avg of text).
     */
    public record Bucket(String datasetId, Instant from, Instant to, Map<TemporalQuery.Method, Double> values) {}
}
