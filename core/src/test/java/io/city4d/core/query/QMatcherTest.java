package io.city4d.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.core.model.Entity;
import io.city4d.core.model.EntityJson;
import io.city4d.core.model.Json;
import org.junit.jupiter.api.Test;

class QMatcherTest {
    private final Entity spot = EntityJson.read(json("""
            {"id":"urn:ngsi-ld:ParkingSpot:1","type":"urn:t:ParkingSpot",
             "status":{"type":"Property","value":"free","accuracy":{"type":"Property","value":0.9}},
             "tags":{"type":"Property","value":["ev","disabled"]},
             "dims":{"type":"Property","value":{"length":5.2,"width":2.4}},
             "since":{"type":"Property","value":"2026-11-25T07:00:00Z"},
             "refParkingSite":{"type":"Relationship","object":"urn:ngsi-ld:OffStreetParking:A"}}
            """));

    private boolean matches(String q) {
        return QMatcher.compile(QueryParser.parse(q)).test(spot);
    }

    @Test
    void evaluatesTheNgsiLdSemantics() {
        assertThat(matches("status==\"free\"")).isTrue();
        assertThat(matches("status!=\"free\"")).isFalse();
        assertThat(matches("status==\"occupied\",\"free\"")).isTrue();
        assertThat(matches("status.accuracy>0.5")).isTrue();
        assertThat(matches("tags==\"ev\"")).as("any element of an array").isTrue();
        assertThat(matches("dims[length]==5..6")).isTrue();
        assertThat(matches("dims[width]>3")).isFalse();
        assertThat(matches("since>2026-11-25T06:00:00Z")).isTrue();
        assertThat(matches("refParkingSite==urn:ngsi-ld:OffStreetParking:A")).isTrue();
        assertThat(matches("!missing;status")).isTrue();
        assertThat(matches("missing!=1")).as("!= needs the attribute").isFalse();
        assertThat(matches("status~=\"^fr\"")).isTrue();
        assertThat(matches("status>1")).as("text does not compare with numbers").isFalse();
        assertThat(matches("(status==\"x\"|tags==\"ev\");dims[width]<3")).isTrue();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
