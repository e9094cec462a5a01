package io.city4d.server;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ScopesContract} on the embedded default store, SQLite. */
class ScopesTest extends ScopesContract {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    @Override
    Api api() {
        return running.api;
    }
}
