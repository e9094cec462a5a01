package io.city4d.server;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link EntityMapContract} on the embedded default store, SQLite. */
class EntityMapTest extends EntityMapContract {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    @Override
    Api api() {
        return running.api;
    }
}
