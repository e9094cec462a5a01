package io.city4d.api.ngsild;

import io.city4d.api.common.Authentication;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;

/** Requests refused by their path alone: a method the path does not have, and a write whose entity id is empty. */
final class PathRefusals {
    private PathRefusals() {}

    /** 405 with {@code Allow}, naming the path the method applies to, such as "one subscription: /subscriptions/{id}". */
    static Handler methodNotAllowed(String allowed, String appliesTo) {
        return (req, res) -> {
            res.header(HeaderNames.ALLOW, allowed);
            throw new ProblemException(ProblemType.METHOD_NOT_ALLOWED, req.prologue().method().text() + " applies to " + appliesTo);
        };
    }

    /**
     * 400 for a write to an entity whose id segment is empty (clauses 5.6.2 to 5.6.6, 5.6.17). Helidon collapses the
     * empty segment, so {@code /entities//attrs} arrives as {@code /entities/attrs}; {@code path} is the path as meant.
     */
    static Handler missingEntityId(String path) {
        return (req, res) -> {
            Authentication.requireWrite(req);
            throw ProblemException.badData("the entity id is missing from the path: " + req.prologue().method().text() + " " + path);
        };
    }
}
