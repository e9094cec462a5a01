package io.city4d.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Entity;
import io.city4d.core.model.EntityJson;
import io.city4d.core.model.Json;
import io.city4d.core.model.Vocabulary;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Inputs shared by the micro-benchmarks: an air-quality entity with expanded names, as the API hands it to the core. */
final class BenchData {
    static final String PM25 = Vocabulary.expandDefault("pm25");
    static final String PM10 = Vocabulary.expandDefault("pm10");
    static final String STATUS = Vocabulary.expandDefault("status");
    static final String ENTITY_JSON = ("{\"id\":\"urn:ngsi-ld:AirQualityObserved:hk-01\",\"type\":\"" + Vocabulary.expandDefault("AirQualityObserved") + "\","
            + "\"" + PM25 + "\":{\"type\":\"Property\",\"value\":31.2,\"unitCode\":\"GQ\",\"observedAt\":\"2026-11-25T08:00:00Z\"},"
            + "\"" + PM10 + "\":{\"type\":\"Property\",\"value\":48,\"unitCode\":\"GQ\",\"observedAt\":\"2026-11-25T08:00:00Z\"},"
            + "\"" + STATUS + "\":{\"type\":\"Property\",\"value\":\"moderate\"},"
            + "\"" + Vocabulary.LOCATION + "\":{\"type\":\"GeoProperty\",\"value\":{\"type\":\"Point\",\"coordinates\":[105.8522,21.0285]}}}");
    static final byte[] DEVICE_PAYLOAD = "{\"pm25\": 31.2, \"pm10\": 48, \"ts\": \"2026-11-25T08:00:00Z\"}".getBytes(StandardCharsets.UTF_8);

    private BenchData() {}

    static JsonNode entityNode() {
        try {
            return Json.MAPPER.readTree(ENTITY_JSON);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Entity entity() {
        return EntityJson.read(entityNode());
    }

    /** A q expression over the entity's expanded attribute names. */
    static String q(String shortQ) {
        return shortQ.replace("pm25", PM25).replace("pm10", PM10).replace("status", STATUS);
    }
}
