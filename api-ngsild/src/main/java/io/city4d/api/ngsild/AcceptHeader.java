package io.city4d.api.ngsild;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Content negotiation by an {@code Accept} header (RFC 9110 12.5.1, NGSI-LD clause 6.3.4): each offered media type
 * takes the weight of the most specific range that matches it ({@code type/subtype}, then {@code type/*}, then
 * {@code *}{@code /*}); the heaviest wins, a weight of 0 never, and between equal weights the order of the offer decides.
 */
final class AcceptHeader {
    private AcceptHeader() {}

    /** The offered media type to answer with, or null when the header accepts none of them. */
    static String choose(String accept, List<String> offered) {
        List<Range> ranges = parse(accept);
        String best = null;
        double bestWeight = 0;
        for (String type : offered) {
            double weight = weight(ranges, type);
            if (weight > bestWeight) {
                best = type;
                bestWeight = weight;
            }
        }
        return best;
    }

    private static double weight(List<Range> ranges, String type) {
        int specificity = -1;
        double weight = 0;
        for (Range range : ranges) {
            int s = range.specificity(type);
            if (s > specificity) {
                specificity = s;
                weight = range.weight();
            }
        }
        return weight;
    }

    private static List<Range> parse(String accept) {
        List<Range> out = new ArrayList<>();
        for (String part : accept.toLowerCase(Locale.ROOT).split(",")) {
            String[] pieces = part.split(";");
            String mediaRange = pieces[0].trim();
            if (mediaRange.isEmpty()) continue;
            double weight = 1;
            for (int i = 1; i < pieces.length; i++) {
                String parameter = pieces[i].trim();
                if (parameter.startsWith("q=")) weight = weight(parameter.substring(2));
            }
            out.add(new Range(mediaRange, weight));
        }
        return out;
    }

    /**
     * A weight that is not a number from 0 to 1 is no weight at all: the range keeps its default of 1, as a malformed
     * parameter is not one of RFC 9110's rules for ranking (a client that wanted to refuse a type wrote q=0).
     */
    private static double weight(String q) {
        try {
            double w = Double.parseDouble(q.trim());
            return w >= 0 && w <= 1 ? w : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private record Range(String mediaRange, double weight) {
        /** 2 for an exact match, 1 for type/*, 0 for * / *, -1 when the range does not match the type. */
        int specificity(String type) {
            if (mediaRange.equals(type)) return 2;
            if (mediaRange.equals("*/*")) return 0;
            if (mediaRange.endsWith("/*") && type.startsWith(mediaRange.substring(0, mediaRange.length() - 1))) return 1;
            return -1;
        }
    }
}
