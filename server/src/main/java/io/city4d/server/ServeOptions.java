package io.city4d.server;

import io.city4d.api.common.RateLimits;
import io.city4d.core.security.AddressPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options shared by serve and demo. A wrong value is a picocli ParameterException: one line naming the option. */
final class ServeOptions {
    static final int DEFAULT_HTTP_PORT = 8080;
    static final int DEFAULT_MQTT_PORT = 1883;

    /** The stores City4D runs on. */
    enum Store { sqlite, postgres }

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
    String host;

    int httpPort;

    int mqttPort;

    @Option(names = "--data", description = "Data directory of the embedded store (default: ${DEFAULT-VALUE}).", defaultValue = "city4d-data")
    Path dataDir;

    @Option(names = "--store", description = "sqlite (embedded, default) or postgres.", defaultValue = "sqlite")
    Store store;

    @Option(names = "--db-url", description = "JDBC URL for --store postgres, e.g. jdbc:postgresql://127.0.0.1:5432/city4d.", defaultValue = "${env:CITY4D_DB_URL}")
    String dbUrl;

    @Option(names = "--db-user", description = "Database user (default: $CITY4D_DB_USER).", defaultValue = "${env:CITY4D_DB_USER}")
    String dbUser;

    @Option(names = "--db-password", description = "Database password (default: $CITY4D_DB_PASSWORD).", defaultValue = "${env:CITY4D_DB_PASSWORD}")
    String dbPassword;

    long maxBody;

    @Option(names = "--bridge", description = "Take device readings from an external MQTT broker, host:port.")
    String bridge;

    @Option(names = "--bridge-prefix", description = "Topic prefix on that broker (default: ${DEFAULT-VALUE}).", defaultValue = "city4d/")
    String bridgePrefix;

    @Option(names = "--bridge-user", description = "User on that broker (default: $CITY4D_BRIDGE_USER).", defaultValue = "${env:CITY4D_BRIDGE_USER}")
    String bridgeUser;

    @Option(names = "--bridge-password", description = "Password on that broker (default: $CITY4D_BRIDGE_PASSWORD).", defaultValue = "${env:CITY4D_BRIDGE_PASSWORD}")
    String bridgePassword;

    @Option(names = "--context-allow", split = ",", paramLabel = "HOST|CIDR",
            description = "Also fetch remote @contexts from these hosts or address ranges (e.g. contexts.city.internal,10.20.0.0/16), "
                    + "and send notifications to them, which are refused when they resolve to loopback, private or link-local addresses "
                    + "(default: $CITY4D_CONTEXT_ALLOW, else none).",
            defaultValue = "${env:CITY4D_CONTEXT_ALLOW}")
    List<String> contextAllow;

    @Option(names = "--notify-allow", split = ",", paramLabel = "HOST|CIDR",
            description = "Also send subscription notifications to these hosts or address ranges, beside those of --context-allow "
                    + "(e.g. alerts.city.internal,10.30.0.0/16), which are refused when they resolve to loopback, private or link-local "
                    + "addresses (default: $CITY4D_NOTIFY_ALLOW, else none).",
            defaultValue = "${env:CITY4D_NOTIFY_ALLOW}")
    List<String> notifyAllow;

    @Option(names = "--rate-limit", split = ",", paramLabel = "CLIENT=RATE[:BURST]",
            description = "Requests per second and burst per credential of a role (admin, operator, analyst, reader, device) or per client "
                    + "address without one (anonymous), or CLIENT=off (default: $CITY4D_RATE_LIMITS over " + "admin=off, operator=1000:2000, "
                    + "analyst=100:200, reader=200:400, device=20:40, anonymous=50:100).",
            defaultValue = "${env:CITY4D_RATE_LIMITS}")
    List<String> rateLimits;

    @Option(names = "--http-port", description = "HTTP port, 0 for any free one (default: ${DEFAULT-VALUE}).", defaultValue = "" + DEFAULT_HTTP_PORT)
    void httpPort(int port) {
        httpPort = (int) within("--http-port", port, 0, 65_535, "a port from 0 to 65535");
    }

    @Option(names = "--mqtt-port", description = "Port of the built-in MQTT endpoint, 0 for any free one; -1 turns it off (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + DEFAULT_MQTT_PORT)
    void mqttPort(int port) {
        mqttPort = (int) within("--mqtt-port", port, -1, 65_535, "a port from 0 to 65535, or -1 for none");
    }

    @Option(names = "--max-body", description = "Largest request body in bytes (default: ${DEFAULT-VALUE}).", defaultValue = "4194304")
    void maxBody(long bytes) {
        maxBody = within("--max-body", bytes, 1, Long.MAX_VALUE, "a positive number of bytes");
    }

    /** Whether the command line named an option, rather than leaving it at its default. */
    boolean given(String option) {
        return command.commandLine().getParseResult() != null && command.commandLine().getParseResult().hasMatchedOption(option);
    }

    ServerConfig toConfig() {
        ServerConfig c = ServerConfig.embedded(dataDir, httpPort, mqttPort).withHost(host).withMaxBody(maxBody)
                .withContextAllow(allowList("--context-allow", contextAllow))
                .withNotifyAllow(allowList("--notify-allow", notifyAllow))
                .withRateLimits(checked("--rate-limit", () -> RateLimits.defaults().with(rateLimits == null ? List.of() : rateLimits)));
        if (bridge != null) c = c.withBridge(checked("--bridge", () -> bridge(bridge)));
        return store == Store.postgres ? c.withPostgres(dbUrl, dbUser, dbPassword) : c;
    }

    /** Hosts and address ranges of an allow-list option, checked as AddressPolicy reads them. */
    private List<String> allowList(String option, List<String> given) {
        return checked(option, () -> {
            List<String> allowed = given == null ? List.of() : given;
            new AddressPolicy(allowed);
            return allowed;
        });
    }

    private long within(String option, long value, long lowest, long highest, String what) {
        if (value < lowest || value > highest) {
            throw new ParameterException(command.commandLine(), option + " must be " + what + ", not " + value);
        }
        return value;
    }

    /** The value that {@code parse} reads from an option, or a ParameterException naming the option and what is wrong. */
    private <T> T checked(String option, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), option + ": " + e.getMessage());
        }
    }

    private ServerConfig.Bridge bridge(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 1) throw new IllegalArgumentException("must be host:port, not " + hostPort);
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be host:port, not " + hostPort);
        }
        if (port < 1 || port > 65_535) throw new IllegalArgumentException("the port must be from 1 to 65535, not " + port);
        String prefix = bridgePrefix.endsWith("/") ? bridgePrefix : bridgePrefix + "/";
        return new ServerConfig.Bridge(hostPort.substring(0, colon), port, bridgeUser, bridgePassword, prefix, "city4d-bridge-" + Math.abs(dataDir.toAbsolutePath().hashCode()));
    }
}
