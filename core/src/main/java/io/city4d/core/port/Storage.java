package io.city4d.core.port;

/** One storage back end: the twin's entities and history, and the small documents beside them. */
public interface Storage extends AutoCloseable {
    EntityStore entities();

    DocumentStore documents();

    /** A short name for logs and the status page, such as "sqlite:/var/lib/city4d/city4d.db". */
    String describe();

    @Override
    void close();
}
