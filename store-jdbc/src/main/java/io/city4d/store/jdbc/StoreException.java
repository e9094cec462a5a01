package io.city4d.store.jdbc;

/** A failure of the database under a store: the caller cannot fix it, and what was being written was not written. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
