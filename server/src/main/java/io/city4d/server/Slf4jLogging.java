package io.city4d.server;

import io.helidon.logging.common.spi.LoggingProvider;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Helidon's logging hook: sends what Helidon logs through java.util.logging to SLF4J, which logback.xml configures. */
public final class Slf4jLogging implements LoggingProvider {
    @Override
    public void initialization() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    @Override
    public void runTime() {
        initialization();
    }
}
