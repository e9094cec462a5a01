package io.city4d.server;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AttributeInstancesContract} on the embedded default store, SQLite. */
class AttributeInstancesTest extends AttributeInstancesContract {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    @Override
    Api api() {
        return running.api;
    }
}
