package io.city4d.server;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PurgeContract} on the embedded default store, SQLite. */
class PurgeTest extends PurgeContract {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    @Override
    Api api() {
        return running.api;
    }
}
