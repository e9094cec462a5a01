package io.city4d.core.port;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;

/**
 * The store cannot hold one change of a commit: it breaks a constraint or holds a value the database refuses. The
 * change is its sender's to fix; the other changes of the commit may be fine, and the pipeline commits them without it.
 */
public final class UnstorableChangeException extends ProblemException {
    public UnstorableChangeException(String reason) {
        super(ProblemType.BAD_REQUEST_DATA, "the store cannot hold this change: " + reason);
    }
}
