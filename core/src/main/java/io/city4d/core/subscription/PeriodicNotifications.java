package io.city4d.core.subscription;

import io.city4d.core.model.Entity;
import io.city4d.core.port.EntityStore;
import io.city4d.core.query.EntityQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriptions with a {@code timeInterval} (NGSI-LD clause 5.2.12, periodic notification): every interval, the
 * current state of the entities they select, whatever changed, read from the store through its indexes (type, id,
 * idPattern, q and geo-query), at most {@link EntityQuery#MAX_LIMIT} entities per selector.
 */
final class PeriodicNotifications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicNotifications.class);
    /** The shortest interval taken: a subscriber cannot make the server query the store more often than this. */
    static final Duration SHORTEST = Duration.ofSeconds(1);

    private final EntityStore store;
    private final BiConsumer<Subscription, List<Entity>> notify;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("city4d-notify-periodic").unstarted(r));
    private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();

    /** @param notify sends the entities to the subscription, as its notification */
    PeriodicNotifications(EntityStore store, BiConsumer<Subscription, List<Entity>> notify) {
        this.store = store;
        this.notify = notify;
    }

    /** Starts notifying this subscription every interval, or stops when it has none any more. */
    void schedule(Subscription subscription) {
        cancel(subscription.tenant(), subscription.id());
        Duration every = subscription.timeInterval();
        if (every == null) return;
        long millis = Math.max(SHORTEST.toMillis(), every.toMillis());
        scheduled.put(key(subscription.tenant(), subscription.id()),
                ticks.scheduleAtFixedRate(() -> tick(subscription), millis, millis, TimeUnit.MILLISECONDS));
    }

    void cancel(String tenant, String id) {
        ScheduledFuture<?> tick = scheduled.remove(key(tenant, id));
        if (tick != null) tick.cancel(false);
    }

    private void tick(Subscription subscription) {
        try {
            List<Entity> entities = current(subscription);
            if (!entities.isEmpty()) notify.accept(subscription, entities);
        } catch (RuntimeException e) {
            // the next tick tries again; one failure must not end the schedule
            LOG.warn("periodic notification of subscription {} failed: {}", subscription.id(), e.getMessage());
        }
    }

    private List<Entity> current(Subscription subscription) {
        Map<String, Entity> byId = new LinkedHashMap<>();
        for (Subscription.Selector s : subscription.selectors()) {
            EntityQuery query = new EntityQuery(s.id() == null ? null : Set.of(s.id()), s.idPattern(), s.type() == null ? null : Set.of(s.type()),
                    subscription.q(), subscription.geo(), subscription.scopeQ(), null, EntityQuery.MAX_LIMIT, 0, false);
            store.query(subscription.tenant(), query).entities().forEach(e -> byId.putIfAbsent(e.id(), e));
        }
        return new ArrayList<>(byId.values());
    }

    private static String key(String tenant, String id) {
        return tenant + '\n' + id;
    }

    @Override
    public void close() {
        ticks.shutdownNow();
    }
}
