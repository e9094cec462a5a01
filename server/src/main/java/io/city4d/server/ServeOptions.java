package io.city4d.server;

import io.city4d.api.common.RateLimits;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options shared by serve and demo. */
final class ServeOptions {
    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--http-port", description = "HTTP port (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int httpPort;

    @Option(names = "--mqtt-port", description = "Port of the built-in MQTT endpoint; -1 turns it off (default: ${DEFAULT-VALUE}).", defaultValue = "1883")
    int mqttPort;

    @Option(names = "--data", description = "Data directory of the embedded store (default: ${DEFAULT-VALUE}).", defaultValue = "city4d-data")
    Path dataDir;

    @Option(names = "--store", description = "sqlite (embedded, default) or postgres.", defaultValue = "sqlite")
    String store;

    @Option(names = "--db-url", description = "JDBC URL for --store postgres, e.g. jdbc:postgresql://127.0.0.1:5432/city4d.", defaultValue = "${env:CITY4D_DB_URL}")
    String dbUrl;

    @Option(names = "--db-user", description = "Database user (default: $CITY4D_DB_USER).", defaultValue = "${env:CITY4D_DB_USER}")
    String dbUser;

    @Option(names = "--db-password", description = "Database password (default: $CITY4D_DB_PASSWORD).", defaultValue = "${env:CITY4D_DB_PASSWORD}")
    String dbPassword;

    @Option(names = "--max-body", description = "Largest request body in bytes (default: ${DEFAULT-VALUE}).", defaultValue = "4194304")
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
                    + "which are refused when they resolve to loopback, private or link-local addresses (default: $CITY4D_CONTEXT_ALLOW, else none).",
            defaultValue = "${env:CITY4D_CONTEXT_ALLOW}")
    List<String> contextAllow;

    @Option(names = "--notify-allow", split = ",", paramLabel = "HOST|CIDR",
            description = "Also send subscription notifications to these hosts or address ranges (e.g. alerts.city.internal,10.30.0.0/16), "
                    + "which are refused when they resolve to loopback, private or link-local addresses (default: $CITY4D_NOTIFY_ALLOW, else none).",
            defaultValue = "${env:CITY4D_NOTIFY_ALLOW}")
    List<String> notifyAllow;

    @Option(names = "--rate-limit", split = ",", paramLabel = "CLIENT=RATE[:BURST]",
            description = "Requests per second and burst per credential of a role (admin, operator, analyst, reader, device) or per client "
                    + "address without one (anonymous), or CLIENT=off (default: $CITY4D_RATE_LIMITS over " + "admin=off, operator=1000:2000, "
                    + "analyst=100:200, reader=200:400, device=20:40, anonymous=50:100).",
            defaultValue = "${env:CITY4D_RATE_LIMITS}")
    List<String> rateLimits;

    ServerConfig toConfig() {
        ServerConfig c = ServerConfig.embedded(dataDir, httpPort, mqttPort).withHost(host).withMaxBody(maxBody)
                .withContextAllow(contextAllow == null ? List.of() : contextAllow)
                .withNotifyAllow(notifyAllow == null ? List.of() : notifyAllow)
                .withRateLimits(RateLimits.defaults().with(rateLimits == null ? List.of() : rateLimits));
        if (bridge != null) c = c.withBridge(bridge(bridge));
        if ("postgres".equals(store)) return c.withPostgres(dbUrl, dbUser, dbPassword);
        if (!"sqlite".equals(store)) throw new IllegalArgumentException("--store must be sqlite or postgres");
        return c;
    }

    private ServerConfig.Bridge bridge(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 1) throw new IllegalArgumentException("--bridge must be host:port");
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        String prefix = bridgePrefix.endsWith("/") ? bridgePrefix : bridgePrefix + "/";
        return new ServerConfig.Bridge(hostPort.substring(0, colon), port, bridgeUser, bridgePassword, prefix, "city4d-bridge-" + Math.abs(dataDir.toAbsolutePath().hashCode()));
    }
}
