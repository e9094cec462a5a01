package io.city4d.server;

import io.city4d.api.common.Authentication;
import io.city4d.api.common.ConnectionClosing;
import io.city4d.api.common.Problems;
import io.city4d.api.common.RateLimiting;
import io.city4d.api.common.RequestBulkhead;
import io.city4d.api.common.WriteAdmission;
import io.city4d.api.ngsild.NgsiLdApi;
import io.city4d.core.device.DeviceRegistry;
import io.city4d.core.device.DeviceTelemetry;
import io.city4d.core.pipeline.Pipeline;
import io.city4d.core.port.DocumentLoader;
import io.city4d.core.port.Storage;
import io.city4d.core.security.AddressPolicy;
import io.city4d.core.security.Authenticator;
import io.city4d.core.security.CredentialAdministration;
import io.city4d.core.security.Credentials;
import io.city4d.core.security.Role;
import io.city4d.core.subscription.NotificationTransport;
import io.city4d.store.postgres.PostgresStorage;
import io.city4d.store.sqlite.SqliteStorage;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.RoutingRequest;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
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
    private final Consumer<HttpRules> routes;

    private City4d(ServerConfig config) {
        this.config = config;
        ListenCheck.ensureFree(config.host(), config.httpPort(), "--http-port");
        if (config.mqttPort() >= 0) ListenCheck.ensureFree(config.host(), config.mqttPort(), "--mqtt-port");
        try {
        this.storage = openStorage(config);
        resources.add(storage);
        this.pipeline = new Pipeline(storage.entities(), clock, config.pipeline());
        resources.add(pipeline);
        DocumentLoader loader = new DocumentLoader(storage.documents());
        this.credentials = new Credentials(storage.documents(), loader);
        this.authenticator = new Authenticator(credentials, clock);
        // Before serving, so that the first requests with it are not refused.
        if (configuredAdmin()) authenticator.ensure(config.adminToken(), "admin (CITY4D_ADMIN_TOKEN)", Role.ADMIN);
        this.devices = new DeviceRegistry(storage.documents(), loader);
        this.telemetry = new DeviceTelemetry(devices, pipeline, clock);
        // The hosts allowed for @contexts are the city's own, and so are allowed for notifications too; --notify-allow adds to them
        List<String> notifyAllow = new ArrayList<>(config.contextAllow());
        notifyAllow.addAll(config.notifyAllow());
        AddressPolicy notifiedHosts = new AddressPolicy(notifyAllow);
        this.deviceEndpoints = new DeviceEndpoints(config, authenticator, telemetry, notifiedHosts);
        resources.add(deviceEndpoints);
        List<NotificationTransport> transports = deviceEndpoints.notificationTransports();
        // from the port it listens on, which --http-port 0 leaves to the system
        NgsiLdApi ngsiLd = new NgsiLdApi(pipeline, storage, clock, this::baseUrl, transports, config.notificationRetries(),
                new AddressPolicy(config.contextAllow()), notifiedHosts, loader);
        resources.add(ngsiLd);
        IngestRate rate = new IngestRate();
        pipeline.addListener(rate);
        RateLimiting rateLimiting = new RateLimiting(config.rateLimits());
        WriteAdmission admission = new WriteAdmission(pipeline::queueFill, City4d::pipelineWrite,
                WriteAdmission.budgetFor(Runtime.getRuntime().maxMemory(), config.maxBodyBytes()), config.maxBodyBytes());
        RequestBulkhead bulkhead = new RequestBulkhead(RequestBulkhead.turnsFor(Runtime.getRuntime().availableProcessors()),
                Set.of("/health", "/api/v1/status", "/events"));
        Metrics metrics = new Metrics(pipeline, rateLimiting, loader, admission, bulkhead, ngsiLd.subscriptionEngine());
        HttpRouting.Builder routing = HttpRouting.builder();
        Problems.install(routing);
        routing.addFilter(new ConnectionClosing());
        routing.addFilter(new Authentication(authenticator, List.of("/health", "/", "/api/v1/status", "/ngsi-ld/v1/jsonldContexts/{id}")));
        routing.addFilter(rateLimiting);
        routing.addFilter(bulkhead);
        routing.addFilter(admission);
        // the public status names the kind of store only, not its file or server
        String storeKind = storage.describe().substring(0, Math.max(0, storage.describe().indexOf(':')));
        ngsiLd.addFilters(routing);
        OperationsRoutes operations = new OperationsRoutes(storage.entities(), metrics, rate, storeKind, deviceEndpoints::mqttPort);
        IngestRoutes ingest = new IngestRoutes(telemetry);
        AdminRoutes admin = new AdminRoutes(devices, new CredentialAdministration(authenticator, credentials));
        EventStream events = new EventStream(pipeline, ngsiLd);
        this.routes = rules -> {
            rules.register("/", operations);
            ngsiLd.register(rules);
            rules.register("/ingest/v1", ingest);
            rules.register("/admin/v1", admin);
            rules.register("/events", events);
        };
        routes.accept(routing);
        this.web = HttpEdge.webServer(config, routing).start();
        resources.add(web::stop);
        if (!web.isRunning()) {
            throw new CommandFailure("--http-port " + config.httpPort() + ": the web server could not listen on " + config.host() + ":"
                    + config.httpPort() + " (see the log above)");
        }
        startDeviceEndpoints();
        ngsiLd.serving();
        // Only once it serves: a start that fails must not use up the one showing of the first admin token.
        this.issuedAdminToken = configuredAdmin() ? null : issueFirstAdmin();
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
            if (config.dbUrl() == null) throw new CommandFailure("--store postgres needs --db-url (or CITY4D_DB_URL)");
            try {
                return new PostgresStorage(config.dbUrl(), config.dbUser(), config.dbPassword());
            } catch (RuntimeException e) {
                throw new CommandFailure("--db-url: cannot open the PostgreSQL store (" + CommandFailure.rootMessage(e) + ")", e);
            }
        }
        Path dir = config.dataDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CommandFailure("--data " + dir + ": cannot create the data directory (" + describe(e) + ")", e);
        }
        if (!Files.isWritable(dir)) throw new CommandFailure("--data " + dir + ": the data directory is not writable");
        try {
            return new SqliteStorage(dir.resolve("city4d.db"));
        } catch (RuntimeException e) {
            throw new CommandFailure("--data " + dir + ": cannot open the embedded store " + dir.resolve("city4d.db")
                    + " (" + CommandFailure.rootMessage(e) + ")", e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof FileAlreadyExistsException f) return f.getFile() + " exists and is not a directory";
        if (e instanceof AccessDeniedException a) return "permission denied on " + a.getFile();
        return CommandFailure.rootMessage(e);
    }

    private void startDeviceEndpoints() {
        try {
            deviceEndpoints.start();
        } catch (Exception e) {
            // Netty throws the BindException of a port taken since ListenCheck looked, undeclared.
            if (e instanceof BindException) throw ListenCheck.cannotListen(config.host(), config.mqttPort(), "--mqtt-port", e);
            if (e instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e);
        }
    }

    private boolean configuredAdmin() {
        return config.adminToken() != null && !config.adminToken().isBlank();
    }

    /** On the first start of a store without CITY4D_ADMIN_TOKEN, an admin token to print once; else null. */
    private String issueFirstAdmin() {
        boolean hasAdmin = credentials.list().stream().anyMatch(c -> c.role() == Role.ADMIN);
        return hasAdmin ? null : authenticator.issue("first admin", Role.ADMIN, null, null).secret();
    }

    public int httpPort() { return web.port(); }

    public int mqttPort() { return deviceEndpoints.mqttPort(); }

    public String baseUrl() { return "http://" + config.host() + ":" + httpPort(); }

    /** The admin token issued at this start (first start without CITY4D_ADMIN_TOKEN), else null. */
    public String issuedAdminToken() { return issuedAdminToken; }

    /** Registers every HTTP service of this server, as its routing was built, on other rules (to list the routes). */
    void registerRoutes(HttpRules rules) { routes.accept(rules); }

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
