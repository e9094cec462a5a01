package io.city4d.server;

import io.city4d.api.common.Authentication;
import io.city4d.api.common.ConnectionClosing;
import io.city4d.api.common.Problems;
import io.city4d.api.common.RateLimiting;
import io.city4d.api.common.WriteAdmission;
import io.city4d.api.ngsild.AddressPolicy;
import io.city4d.api.ngsild.NgsiLdApi;
import io.city4d.core.device.DeviceRegistry;
import io.city4d.core.device.DeviceTelemetry;
import io.city4d.core.pipeline.Pipeline;
import io.city4d.core.port.Storage;
import io.city4d.core.security.Authenticator;
import io.city4d.core.security.Credentials;
import io.city4d.core.security.Role;
import io.city4d.core.subscription.NotificationTransport;
import io.city4d.store.postgres.PostgresStorage;
import io.city4d.store.sqlite.SqliteStorage;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running City4D: storage, pipeline, APIs, device endpoints. Built from a {@link ServerConfig}, closed in reverse. */
public final class City4d implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(City4d.class);

    private final ServerConfig config;
    private final Clock clock = Clock.systemUTC();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Storage storage;
    private final Pipeline pipeline;
    private final Credentials credentials;
    private final Authenticator authenticator;
    private final DeviceRegistry devices;
    private final DeviceTelemetry telemetry;
    private final WebServer web;
    private final String issuedAdminToken;
    private final DeviceEndpoints deviceEndpoints;

    private City4d(ServerConfig config) {
        this.config = config;
        try {
        this.storage = openStorage(config);
        resources.add(storage);
        this.pipeline = new Pipeline(storage.entities(), clock, config.pipeline());
        resources.add(pipeline);
        this.credentials = new Credentials(storage.documents());
        this.authenticator = new Authenticator(credentials, clock);
        this.issuedAdminToken = ensureAdmin();
        this.devices = new DeviceRegistry(storage.documents());
        this.telemetry = new DeviceTelemetry(devices, pipeline, clock);
        this.deviceEndpoints = new DeviceEndpoints(config, authenticator, telemetry);
        resources.add(deviceEndpoints);
        List<NotificationTransport> transports = deviceEndpoints.notificationTransports();
        String baseUrl = "http://" + config.host() + ":" + config.httpPort();
        NgsiLdApi ngsiLd = new NgsiLdApi(pipeline, storage, clock, baseUrl, transports, config.notificationRetries(),
                new AddressPolicy(config.contextAllow()));
        resources.add(ngsiLd);
        IngestRate rate = new IngestRate();
        pipeline.addListener(rate);
        RateLimiting rateLimiting = new RateLimiting(config.rateLimits());
        WriteAdmission admission = new WriteAdmission(pipeline::queueFill, City4d::pipelineWrite,
                WriteAdmission.budgetFor(Runtime.getRuntime().maxMemory(), config.maxBodyBytes()), config.maxBodyBytes());
        Metrics metrics = new Metrics(pipeline, rateLimiting, admission);
        HttpRouting.Builder routing = HttpRouting.builder();
        Problems.install(routing);
        routing.addFilter(new ConnectionClosing());
        routing.addFilter(new Authentication(authenticator, List.of("/health", "/", "/api/v1/status", "/ngsi-ld/v1/jsonldContexts/")));
        routing.addFilter(rateLimiting);
        routing.addFilter(admission);
        // the public status names the kind of store only, not its file or server
        String storeKind = storage.describe().substring(0, Math.max(0, storage.describe().indexOf(':')));
        routing.register("/", new OperationsRoutes(storage.entities(), metrics, rate, storeKind));
        ngsiLd.register(routing, baseUrl);
        routing.register("/ingest/v1", new IngestRoutes(telemetry));
        routing.register("/admin/v1", new AdminRoutes(devices, authenticator, credentials));
        routing.register("/events", new EventStream(pipeline));
        this.web = HttpEdge.webServer(config, routing).start();
        resources.add(web::stop);
        deviceEndpoints.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Whether a request writes through the pipeline: entity writes, batch operations other than query, device ingest. */
    private static boolean pipelineWrite(RoutingRequest req) {
        String path = req.path().path();
        if (path.startsWith("/ingest/v1/")) return true;
        if (path.startsWith(NgsiLdApi.PREFIX + "/entityOperations/")) return !path.endsWith("/query");
        return path.startsWith(NgsiLdApi.PREFIX + "/entities");
    }

    /** Starts a server. */
    public static City4d start(ServerConfig config) {
        return new City4d(config);
    }

    private static Storage openStorage(ServerConfig config) {
        if ("postgres".equals(config.store())) {
            if (config.dbUrl() == null) throw new IllegalArgumentException("--store postgres needs --db-url");
            return new PostgresStorage(config.dbUrl(), config.dbUser(), config.dbPassword());
        }
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
        }
        return new SqliteStorage(config.dataDir().resolve("city4d.db"));
    }

    /** Registers CITY4D_ADMIN_TOKEN, or on a first start without it issues an admin token to print once. */
    private String ensureAdmin() {
        if (config.adminToken() != null && !config.adminToken().isBlank()) {
            authenticator.ensure(config.adminToken(), "admin (CITY4D_ADMIN_TOKEN)", Role.ADMIN);
            return null;
        }
        boolean hasAdmin = credentials.list().stream().anyMatch(c -> c.role() == Role.ADMIN);
        return hasAdmin ? null : authenticator.issue("first admin", Role.ADMIN, null, null).secret();
    }

    public int httpPort() { return web.port(); }

    public int mqttPort() { return deviceEndpoints.mqttPort(); }

    public String baseUrl() { return "http://" + config.host() + ":" + httpPort(); }

    /** The admin token issued at this start (first start without CITY4D_ADMIN_TOKEN), else null. */
    public String issuedAdminToken() { return issuedAdminToken; }

    public Pipeline pipeline() { return pipeline; }

    public Storage storage() { return storage; }

    public Authenticator authenticator() { return authenticator; }

    public DeviceRegistry devices() { return devices; }

    public Credentials credentials() { return credentials; }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", resources.get(i), e);
            }
        }
    }
}
