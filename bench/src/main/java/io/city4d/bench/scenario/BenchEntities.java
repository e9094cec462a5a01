package io.city4d.bench.scenario;

import java.util.Locale;

/**
 * Deterministic benchmark entities of type BenchSensor: a pm25 reading spread evenly over 0 to 500, a location spread
 * evenly over a 10 km by 10 km square around Hoan Kiem Lake, and optionally extra numeric readings a0, a1, ...
 */
final class BenchEntities {
    static final String TYPE = "BenchSensor";
    static final double WEST = 105.80;
    static final double SOUTH = 20.98;
    /** About 10 km at this latitude, in degrees of longitude and of latitude. */
    static final double WIDTH = 0.0962;
    static final double HEIGHT = 0.0899;
    private static final double GOLDEN = 0.6180339887498949;
    private static final double SILVER = 0.4142135623730951;

    private BenchEntities() {}

    static String id(String prefix, int i) {
        return "urn:ngsi-ld:" + TYPE + ":" + prefix + "-" + i;
    }

    static String attrsPath(String prefix, int i) {
        return "/ngsi-ld/v1/entities/" + id(prefix, i) + "/attrs";
    }

    static double pm25(int i, int salt) {
        return Math.floorMod((long) i * 7_919 + salt * 104_729L, 50_000) / 100.0;
    }

    /** A low-discrepancy sequence, so any disc of the square holds about its share of the entities. */
    static double longitude(int i) {
        return WEST + fraction(i * GOLDEN) * WIDTH;
    }

    static double latitude(int i) {
        return SOUTH + fraction(i * SILVER) * HEIGHT;
    }

    private static double fraction(double x) {
        return x - Math.floor(x);
    }

    /** The entity in NGSI-LD normalized form. */
    static String entity(String prefix, int i, int extraAttributes, int salt) {
        StringBuilder s = new StringBuilder(200 + extraAttributes * 40);
        s.append("{\"id\":\"").append(id(prefix, i)).append("\",\"type\":\"").append(TYPE).append("\",\"pm25\":{\"type\":\"Property\",\"value\":")
                .append(pm25(i, salt)).append("},\"location\":{\"type\":\"GeoProperty\",\"value\":{\"type\":\"Point\",\"coordinates\":[")
                .append(String.format(Locale.ROOT, "%.6f,%.6f", longitude(i), latitude(i))).append("]}}");
        for (int a = 0; a < extraAttributes; a++) {
            s.append(",\"a").append(a).append("\":{\"type\":\"Property\",\"value\":").append(pm25(i + a, salt)).append('}');
        }
        return s.append('}').toString();
    }

    /** Entities {@code first} to {@code first + count - 1} as a JSON array. */
    static String batch(String prefix, int first, int count, int extraAttributes, int salt) {
        StringBuilder s = new StringBuilder(count * (260 + extraAttributes * 40)).append('[');
        for (int i = first; i < first + count; i++) {
            if (i > first) s.append(',');
            s.append(entity(prefix, i, extraAttributes, salt));
        }
        return s.append(']').toString();
    }
}
