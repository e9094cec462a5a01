package io.city4d.server;

import java.nio.file.Path;

/** {@link TemporalProvisionContract} on the embedded default store, SQLite. */
class TemporalProvisionTest extends TemporalProvisionContract {
    @Override
    TestServer start(Path dir) {
        return new TestServer(dir);
    }
}
