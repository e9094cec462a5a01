package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Json;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.query.QueryParser;

/**
 * What a subscription may hold, checked before it is stored, so that every stored subscription can be read and
 * matched again after a restart: its geometry's points, its q, and its size as stored, each answered with a 400 that
 * names the limit. (The stored size stays well below what the JSON reader takes in one string.)
 */
final class SubscriptionLimits {
    static final int MAX_GEOMETRY_POINTS = 4_096;
    static final int MAX_Q_LENGTH = QueryParser.MAX_LENGTH;
    static final int MAX_STORED_BYTES = 256 * 1024;

    private SubscriptionLimits() {}

    static void checkQ(String q) {
        if (q.length() > MAX_Q_LENGTH) throw ProblemException.badData("q may be at most " + MAX_Q_LENGTH + " characters long; this one has " + q.length());
    }

    /** Counted before the geometry is built: building and validating a polygon costs more than counting its points. */
    static void checkCoordinates(JsonNode coordinates) {
        JsonNode tree = coordinates;
        if (coordinates != null && coordinates.isTextual()) {
            try {
                tree = Json.TREE_READER.readTree(coordinates.asText());
            } catch (java.io.IOException e) {
                return; // not JSON: the geo-query's own parsing says so
            }
        }
        int points = positions(tree);
        if (points > MAX_GEOMETRY_POINTS) {
            throw ProblemException.badData("a geoQ geometry may have at most " + MAX_GEOMETRY_POINTS + " points; this one has " + points);
        }
    }

    /** The positions in GeoJSON coordinates: the arrays whose first member is a number. */
    private static int positions(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) return 0;
        if (node.get(0).isNumber()) return 1;
        int count = 0;
        for (JsonNode member : node) count += positions(member);
        return count;
    }

    static void checkStored(JsonNode stored) {
        int bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(stored).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (bytes > MAX_STORED_BYTES) {
            throw ProblemException.badData("a subscription may take at most " + MAX_STORED_BYTES + " bytes as stored; this one takes " + bytes
                    + " (its entities, names, q and geoQ count)");
        }
    }
}
