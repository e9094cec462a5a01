package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.Api.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Timed readings replayed from the shared data, the aggregates per period the test computes from them itself, and the
 * comparison with what the temporal API answers for the same window and period.
 */
final class Readings {
    static final String METHODS = "avg,min,max,sum,totalCount";
    /** Sums from rollup cells add in another order than the test does (docs/ngsi-ld.md), so avg and sum get a tolerance. */
    private static final double RELATIVE_TOLERANCE = 1e-9;

    private Readings() {}

    record Reading(Instant at, double value) {}

    record Stats(long count, double sum, double min, double max) {
        static Stats of(double v) { return new Stats(1, v, v, v); }

        Stats plus(Stats o) { return new Stats(count + o.count, sum + o.sum, Math.min(min, o.min), Math.max(max, o.max)); }

        double avg() { return sum / count; }
    }

    /** Period (start, end) to the statistics of its readings, as NGSI-LD defines them for {@code timerel=between}: periods from {@code from}, the last cut at {@code to}, empty ones left out. */
    static Map<List<Instant>, Stats> perPeriod(List<Reading> readings, Instant from, Instant to, Duration period) {
        Map<List<Instant>, Stats> out = new TreeMap<>((a, b) -> a.get(0).compareTo(b.get(0)));
        for (Reading r : readings) {
            if (r.at().isBefore(from) || !r.at().isBefore(to)) continue;
            Instant start = from.plus(period.multipliedBy(Duration.between(from, r.at()).dividedBy(period)));
            Instant end = start.plus(period).isAfter(to) ? to : start.plus(period);
            out.merge(List.of(start, end), Stats.of(r.value()), Stats::plus);
        }
        return out;
    }

    /** The aggregated history of some attributes of one entity between two instants, per period. */
    static JsonNode aggregated(Api api, String entityId, String attrs, Instant from, Instant to, Duration period) {
        return aggregated(api, entityId, attrs, "&timerel=between&timeAt=" + enc(from.toString()) + "&endTimeAt=" + enc(to.toString()), period);
    }

    /** The same over a window given as query parameters ({@code ""} for the whole history). */
    static JsonNode aggregated(Api api, String entityId, String attrs, String window, Duration period) {
        var r = api.get(NGSI + "/temporal/entities/" + entityId + "?attrs=" + attrs + "&options=aggregatedValues&aggrMethods=" + METHODS
                + "&aggrPeriodDuration=" + period + window);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    /** The API's aggregates of one attribute ({@code {"avg": [[v, from, to], ...], ...}}) are the expected ones, period by period. */
    static void assertAggregates(JsonNode attribute, Map<List<Instant>, Stats> expected, String what) {
        List<List<Instant>> periods = new ArrayList<>(expected.keySet());
        for (String method : METHODS.split(",")) {
            JsonNode got = attribute.path(method);
            assertThat(got.size()).as("%s: %s periods", what, method).isEqualTo(periods.size());
            for (int i = 0; i < periods.size(); i++) {
                List<Instant> period = periods.get(i);
                JsonNode bucket = got.get(i);
                String where = what + " " + method + " " + period;
                assertThat(List.of(instant(bucket.get(1)), instant(bucket.get(2)))).as(where).isEqualTo(period);
                Stats s = expected.get(period);
                double value = bucket.get(0).asDouble();
                switch (method) {
                    case "totalCount" -> assertThat(bucket.get(0).asLong()).as(where).isEqualTo(s.count());
                    case "min" -> assertThat(value).as(where).isEqualTo(s.min());
                    case "max" -> assertThat(value).as(where).isEqualTo(s.max());
                    case "sum" -> assertThat(value).as(where).isCloseTo(s.sum(), within(Math.abs(s.sum()) * RELATIVE_TOLERANCE));
                    default -> assertThat(value).as(where).isCloseTo(s.avg(), within(Math.abs(s.avg()) * RELATIVE_TOLERANCE));
                }
            }
        }
    }

    static Instant instant(JsonNode text) {
        return OffsetDateTime.parse(text.asText()).toInstant();
    }

    /** Sends entity fragments through {@code /entityOperations/upsert} in batches of {@code chunk}, as a gateway would, each batch wholly accepted. */
    static void upsert(Api api, List<String> items, int chunk, String options) {
        for (int i = 0; i < items.size(); i += chunk) {
            String batch = "[" + String.join(",", items.subList(i, Math.min(items.size(), i + chunk))) + "]";
            var r = api.post(NGSI + "/entityOperations/upsert" + (options.isEmpty() ? "" : "?options=" + options), batch);
            assertThat(r.status()).as("batch from item %d: %s", i, r).isIn(201, 204);
        }
    }
}
