package io.city4d.server;

/**
 * A failure that one line explains to whoever started City4D, such as a port in use, a data directory that cannot be
 * written or a server that does not answer. The command line prints the message alone, without a stack trace, and
 * exits with 1.
 */
public final class CommandFailure extends RuntimeException {
    public CommandFailure(String message) {
        super(message);
    }

    public CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The message of the innermost cause, which usually says what the operating system or driver refused. */
    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
