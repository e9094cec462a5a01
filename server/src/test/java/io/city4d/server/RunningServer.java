package io.city4d.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One real City4D shared by the tests of a class, over a temporary store: {@code @RegisterExtension static final RunningServer running = ...}. */
final class RunningServer implements BeforeAllCallback, AfterAllCallback {
    private final UnaryOperator<ServerConfig> configure;
    private Path dir;
    TestServer server;
    /** A client with the admin token. */
    Api api;

    RunningServer() {
        this(c -> c);
    }

    RunningServer(UnaryOperator<ServerConfig> configure) {
        this.configure = configure;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("city4d-" + context.getRequiredTestClass().getSimpleName());
        server = new TestServer(configure.apply(TestServer.config(dir)));
        api = server.api();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
