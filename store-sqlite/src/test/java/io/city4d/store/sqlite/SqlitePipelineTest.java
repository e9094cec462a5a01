package io.city4d.store.sqlite;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.PipelineContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqlitePipelineTest extends PipelineContract {
    @TempDir
    static Path directory;

    @Override
    protected Storage openStorage() {
        return new SqliteStorage(directory.resolve("city4d.db"));
    }
}
