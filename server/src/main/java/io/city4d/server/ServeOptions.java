package io.city4d.server;

import java.nio.file.Path;
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

    ServerConfig toConfig(Path defaultDataDir) {
        Path data = dataDir == null ? defaultDataDir : dataDir;
        ServerConfig c = ServerConfig.embedded(data, httpPort, mqttPort).withHost(host).withMaxBody(maxBody);
        if ("postgres".equals(store)) return c.withPostgres(dbUrl, dbUser, dbPassword);
        if (!"sqlite".equals(store)) throw new IllegalArgumentException("--store must be sqlite or postgres");
        return c;
    }
}
