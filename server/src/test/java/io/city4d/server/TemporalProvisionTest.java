package io.city4d.server;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** {@link TemporalProvisionContract} on the embedded default store, SQLite. */
class TemporalProvisionTest extends TemporalProvisionContract {
    @TempDir
    Path dir;
    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    Api api() {
        return server.api();
    }

    @Override
    void restart() {
        server.close();
        server = new TestServer(dir);
    }
}
