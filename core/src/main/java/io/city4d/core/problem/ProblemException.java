package io.city4d.core.problem;

/** A failure that is the caller's to fix (or to retry), carried to the edge and rendered as a problem body. */
public class ProblemException extends RuntimeException {
    private final ProblemType type;

    public ProblemException(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public ProblemType type() { return type; }

    public String detail() { return getMessage(); }

    public static ProblemException badData(String detail) { return new ProblemException(ProblemType.BAD_REQUEST_DATA, detail); }

    public static ProblemException invalid(String detail) { return new ProblemException(ProblemType.INVALID_REQUEST, detail); }

    public static ProblemException notFound(String detail) { return new ProblemException(ProblemType.RESOURCE_NOT_FOUND, detail); }
}
