package io.city4d.api.ngsild;

import io.city4d.api.common.Requests;
import io.city4d.core.problem.ProblemException;
import io.helidon.webserver.http.ServerRequest;

/**
 * Linked entity retrieval (NGSI-LD clause 4.5.23): {@code join=inline} puts each linked entity into the relationship
 * that names it, {@code join=flat} lists linked entities after the entities found; {@code joinLevel} says how many
 * relationship hops are followed (1 by default).
 */
record JoinParams(boolean inline, int level) {
    static final JoinParams NONE = new JoinParams(false, 0);
    /** Hops a client may ask for: each level can multiply the entities read, so it stays small. */
    static final int MAX_LEVEL = 8;

    static JoinParams of(ServerRequest req) {
        return of(Requests.param(req, "join"), Requests.intParam(req, "joinLevel", 1));
    }

    static JoinParams of(String join, int level) {
        if (level < 1 || level > MAX_LEVEL) throw ProblemException.badData("joinLevel must be 1 to " + MAX_LEVEL + ": " + level);
        if (join == null || join.equals("@none")) return NONE;
        return switch (join) {
            case "inline" -> new JoinParams(true, level);
            case "flat" -> new JoinParams(false, level);
            default -> throw ProblemException.badData("join must be inline, flat or @none: " + join);
        };
    }

    boolean joins() {
        return level > 0;
    }

    boolean flat() {
        return joins() && !inline;
    }
}
