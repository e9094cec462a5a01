package io.city4d.api.ngsild;

import io.city4d.core.pipeline.Pipeline;
import io.city4d.core.port.DocumentLoader;
import io.city4d.core.port.Storage;
import io.city4d.core.security.AddressPolicy;
import io.city4d.core.subscription.DeadLetters;
import io.city4d.core.subscription.NotificationTransport;
import io.city4d.core.subscription.SubscriptionEngine;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ETSI NGSI-LD API under /ngsi-ld/v1: entities, batch operations, discovery, temporal queries, subscriptions and
 * hosted @contexts. It also runs the subscription engine whose notifications it renders.
 */
public final class NgsiLdApi implements AutoCloseable {
    public static final String PREFIX = "/ngsi-ld/v1";
    /**
     * Notifications rendered and not yet delivered, each up to a hundred entities: more are dead-lettered at once, so
     * that a storm of changes to slow receivers cannot fill the heap.
     */
    private static final int MAX_NOTIFICATIONS_IN_FLIGHT = 2_000;

    private final Pipeline pipeline;
    private final Storage storage;
    private final Clock clock;
    private final ContextResolver contexts;
    private final SubscriptionEngine engine;
    private final SubscriptionService subscriptions;
    private final DeadLetters deadLetters;
    private final Tenants tenants;
    private final EntityMaps entityMaps;
    private final HttpNotificationTransport http;

    /**
     * @param publicBaseUrl how clients reach this server (e.g. http://localhost:8080), for the URLs of hosted contexts; asked
     *                      once it serves, as the port it listens on may be known only then
     * @param retryDelays   waits between notification attempts; after the last, a notification is dead-lettered
     * @param contextHosts  the hosts remote @contexts may be fetched from
     * @param notifiedHosts the hosts notifications may be sent to, by any transport
     * @param loader        loads the stored subscriptions, tenants and entity maps, skipping those it cannot read
     */
    public NgsiLdApi(Pipeline pipeline, Storage storage, Clock clock, java.util.function.Supplier<String> publicBaseUrl, List<NotificationTransport> transports,
                     List<Duration> retryDelays, AddressPolicy contextHosts, AddressPolicy notifiedHosts, DocumentLoader loader) {
        this.pipeline = pipeline;
        this.storage = storage;
        this.clock = clock;
        this.contexts = new ContextResolver(storage.documents(), publicBaseUrl, contextHosts);
        this.deadLetters = new DeadLetters(storage.documents());
        List<NotificationTransport> all = new ArrayList<>(transports);
        this.http = new HttpNotificationTransport(notifiedHosts);
        all.add(http);
        this.engine = new SubscriptionEngine(new NgsiNotificationRenderer(contexts, clock), all, deadLetters, clock, retryDelays, MAX_NOTIFICATIONS_IN_FLIGHT,
                storage.entities());
        this.subscriptions = new SubscriptionService(storage.documents(), engine, notifiedHosts, loader);
        java.util.Set<String> used = new java.util.HashSet<>(storage.entities().tenants());
        subscriptions.all().forEach(d -> used.add(d.tenant()));
        this.tenants = new Tenants(storage.documents(), used, loader);
        this.entityMaps = new EntityMaps(storage.documents(), clock, loader);
        pipeline.addListener(tenants);
        pipeline.addListener(engine);
    }

    public SubscriptionEngine subscriptionEngine() { return engine; }

    /** Told once the server serves: prepares in the background what the first notification would otherwise wait for. */
    public void serving() {
        http.prepare();
    }

    /**
     * How the API shows entities to a client that names its @context in a Link header (the core context when null).
     * A Link header that is malformed, or names a context that cannot be had, is a problem as it is for the API.
     */
    public LdView view(String linkHeader) {
        return new LdView(contexts.fromLinkHeader(linkHeader));
    }

    /** Adds the filters the API needs on the whole routing. */
    public void addFilters(HttpRouting.Builder routing) {
        routing.addFilter(TenantEcho.INSTANCE);
        routing.addFilter(TrailingSlash.INSTANCE);
        routing.addFilter(LengthRequired.INSTANCE);
        routing.addFilter(KnownParameters.INSTANCE);
        routing.addFilter(NoSnapshots.INSTANCE);
    }

    /** Registers the API's services. */
    public void register(HttpRules routing) {
        LdExchange ld = new LdExchange(contexts);
        routing.register(PREFIX + "/entities", new PurgeRoutes(pipeline, storage.entities(), ld, tenants));
        routing.register(PREFIX + "/entities", new EntityRoutes(pipeline, storage.entities(), ld, tenants,
                new EntityMapQueries(entityMaps, storage.entities())));
        routing.register(PREFIX + "/entityOperations", new BatchRoutes(pipeline, storage.entities(), ld, tenants));
        routing.register(PREFIX + "/entityMaps", new EntityMapRoutes(entityMaps, storage.entities(), ld, tenants));
        routing.register(PREFIX + "/temporal/entities", new TemporalRoutes(pipeline, storage.entities(), ld, tenants));
        routing.register(PREFIX, new DiscoveryRoutes(storage.entities(), ld, tenants));
        routing.register(PREFIX, new SubscriptionRoutes(subscriptions, deadLetters, ld, clock, tenants));
        routing.register(PREFIX + "/jsonldContexts", new ContextRoutes(storage.documents(), contexts));
    }

    @Override
    public void close() {
        pipeline.removeListener(engine);
        pipeline.removeListener(tenants);
        subscriptions.close();
        engine.close();
        http.close();
        contexts.close();
    }
}
