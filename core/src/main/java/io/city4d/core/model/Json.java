package io.city4d.core.model;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The one JSON mapper, with limits that keep hostile input from exhausting memory or stack, and trees that refuse values
 * no store can hold ({@link StrictNodes}).
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1_000_000).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(new StrictNodes())
            .build();
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Reads JSON trees without looking the target type up on every call (hot on the ingest path). */
    public static final ObjectReader TREE_READER = MAPPER.readerFor(JsonNode.class);

    private Json() {}
}
