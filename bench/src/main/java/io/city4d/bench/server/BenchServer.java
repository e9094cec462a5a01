package io.city4d.bench.server;

import io.city4d.bench.http.Endpoint;
import io.city4d.server.City4d;
import io.city4d.server.ServerConfig;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * A real City4D started in this process on free ports of 127.0.0.1, over a temporary data directory (and a fresh
 * PostgreSQL database when asked). Closing it stops the server and removes its data.
 */
public final class BenchServer implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    private final TempDirectory data;
    private final PostgresDatabase database;
    private final String token = newToken();
    private final City4d city;

    public BenchServer(StoreChoice store) {
        data = TempDirectory.create("city4d-bench-");
        database = store.freshDatabase();
        // the notification benchmark's receiver listens on this host
        ServerConfig config = ServerConfig.embedded(data.path(), 0, 0).withHost(HOST).withAdminToken(token).withMaxBody(64L << 20)
                .withNotifyAllow(List.of(HOST + "/32"));
        if (database != null) config = config.withPostgres(database.url(), database.user(), database.password());
        city = City4d.start(config);
    }

    public static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "bench_" + HexFormat.of().formatHex(bytes);
    }

    public Endpoint endpoint() {
        return new Endpoint(HOST, city.httpPort(), token);
    }

    public int mqttPort() {
        return city.mqttPort();
    }

    public City4d city() {
        return city;
    }

    @Override
    public void close() {
        try {
            city.close();
        } finally {
            if (database != null) database.close();
            data.close();
        }
    }
}
