package io.city4d.core.subscription;

import io.city4d.core.model.Entity;
import io.city4d.core.pipeline.ChangeListener;
import io.city4d.core.port.Change;
import io.city4d.core.port.EntityStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches committed changes against subscriptions and delivers notifications. Deliveries run off the writer's
 * thread, retry with backoff and end in the dead-letter store when every attempt failed, when one failed in a way no
 * retry mends ({@link UndeliverableNotification}) or when too many are in flight: a notification is delivered or
 * recorded, never silently dropped (throttled ones excepted, by definition).
 */
public final class SubscriptionEngine implements ChangeListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionEngine.class);
    static final int MAX_ENTITIES_PER_NOTIFICATION = 100;
    private static final int DEAD_LETTER_BACKLOG = 1_000;

    private final NotificationRenderer renderer;
    private final Map<String, NotificationTransport> transports = new ConcurrentHashMap<>();
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final List<Duration> retryDelays;
    private final Map<String, Map<String, Active>> byTenant = new ConcurrentHashMap<>();
    /**
     * Renders notifications and hands them to their transport. Platform threads of their own, not virtual ones: a
     * commit that matches many subscriptions made thousands of renderings runnable at once, queued on the same carriers
     * as the requests, /health among them.
     */
    private final ExecutorService senders = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
            r -> Thread.ofPlatform().daemon().name("city4d-notify").unstarted(r));
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("city4d-notify-retry").unstarted(r));
    private final Semaphore inFlight;
    private final PeriodicNotifications periodic;
    private final Semaphore deadLetterBacklog = new Semaphore(DEAD_LETTER_BACKLOG);
    private final LongAdder unrecorded = new LongAdder();

    public SubscriptionEngine(NotificationRenderer renderer, List<NotificationTransport> transports, DeadLetters deadLetters,
                              Clock clock, List<Duration> retryDelays, int maxInFlight, EntityStore store) {
        this.renderer = renderer;
        this.periodic = new PeriodicNotifications(store, this::notifyPeriodically);
        transports.forEach(this::addTransport);
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.retryDelays = List.copyOf(retryDelays);
        this.inFlight = new Semaphore(maxInFlight);
    }

    public void addTransport(NotificationTransport transport) {
        transport.schemes().forEach(s -> transports.put(s, transport));
    }

    public boolean supportsScheme(String scheme) {
        return scheme != null && transports.containsKey(scheme);
    }

    public void put(Subscription subscription, SubscriptionStatus status) {
        byTenant.computeIfAbsent(subscription.tenant(), t -> new ConcurrentHashMap<>())
                .put(subscription.id(), new Active(subscription, subscription.compile(), status));
        periodic.schedule(subscription);
    }

    public void remove(String tenant, String id) {
        periodic.cancel(tenant, id);
        Map<String, Active> subs = byTenant.get(tenant);
        if (subs != null) subs.remove(id);
    }

    /** A periodic subscription's tick: the current state of what it selects, as one notification (the entities as changes that keep them). */
    private void notifyPeriodically(Subscription subscription, List<Entity> entities) {
        Active active = active(subscription.tenant(), subscription.id());
        Instant now = clock.instant();
        if (active == null || !active.subscription().isLive(now)) return;
        active.status().attempted(now);
        List<Change> current = entities.stream().map(e -> new Change(subscription.tenant(), e, e, List.of(), now)).toList();
        for (List<Change> notification : notifications(current)) dispatch(active, notification);
    }

    public SubscriptionStatus status(String tenant, String id) {
        Active a = active(tenant, id);
        return a == null ? null : a.status();
    }

    private Active active(String tenant, String id) {
        Map<String, Active> subs = byTenant.get(tenant);
        return subs == null ? null : subs.get(id);
    }

    /**
     * The changes of one commit that a subscription matches go out together, as the entities of one notification's
     * {@code data}: under load a commit carries tens of changes, and a request per change cost as much as the write.
     */
    @Override
    public void committed(List<Change> changes) {
        Instant now = clock.instant();
        Map<Active, List<Change>> matched = new IdentityHashMap<>();
        for (Change change : changes) {
            Map<String, Active> subs = byTenant.get(change.tenant());
            if (subs == null || subs.isEmpty()) continue;
            for (Active active : subs.values()) {
                // a periodic subscription notifies on its ticks, not on changes
                boolean onChange = active.subscription().timeInterval() == null;
                if (onChange && active.subscription().isLive(now) && matches(active, change)) matched.computeIfAbsent(active, a -> new ArrayList<>()).add(change);
            }
        }
        matched.forEach((active, matches) -> {
            if (throttled(active, now)) return;
            active.status().attempted(now);
            List<List<Change>> notifications = notifications(matches);
            // a throttled subscription gets one notification per period, as it did when each change went alone
            for (List<Change> notification : active.subscription().throttling() == null ? notifications : notifications.subList(0, 1)) {
                dispatch(active, notification);
            }
        });
    }

    /**
     * Changes in commit order, as few notifications as carry them: each names an entity at most once (an entity
     * changed twice in a commit is notified twice, in order) and holds at most {@link #MAX_ENTITIES_PER_NOTIFICATION}.
     */
    static List<List<Change>> notifications(List<Change> changes) {
        List<List<Change>> notifications = new ArrayList<>();
        List<Change> current = new ArrayList<>();
        Set<String> entities = new HashSet<>();
        for (Change change : changes) {
            if (current.size() == MAX_ENTITIES_PER_NOTIFICATION || !entities.add(change.entityId())) {
                notifications.add(current);
                current = new ArrayList<>();
                entities.clear();
                entities.add(change.entityId());
            }
            current.add(change);
        }
        if (!current.isEmpty()) notifications.add(current);
        return notifications;
    }

    /** One subscription whose filter fails (a regular expression over its budget) must not keep the others from their notifications. */
    private static boolean matches(Active active, Change change) {
        try {
            return active.matcher().test(change);
        } catch (RuntimeException e) {
            LOG.warn("subscription {} could not be matched against {}: {}", active.subscription().id(), change.entityId(), e.getMessage());
            return false;
        }
    }

    private static boolean throttled(Active active, Instant now) {
        Duration throttling = active.subscription().throttling();
        Instant last = active.status().lastAttempt();
        return throttling != null && last != null && now.isBefore(last.plus(throttling));
    }

    /**
     * A notification past the in-flight bound is dead-lettered; past the dead-letter backlog too (a storm of changes
     * to slow receivers) it is counted as failed on its subscription and in {@link #unrecorded}, as storing each would
     * only move the storm to the store, and queueing each would fill the heap (600,000 were queued in a soak).
     */
    private void dispatch(Active active, List<Change> changes) {
        if (!inFlight.tryAcquire()) {
            if (!deadLetterBacklog.tryAcquire()) {
                active.status().failed(clock.instant());
                unrecorded.increment();
                return;
            }
            senders.execute(() -> {
                try {
                    deadLetter(active, renderer.render(active.subscription(), changes), 0, "too many notifications in flight");
                } finally {
                    deadLetterBacklog.release();
                }
            });
            return;
        }
        senders.execute(() -> {
            NotificationRenderer.Rendered message;
            try {
                message = renderer.render(active.subscription(), changes);
            } catch (RuntimeException e) {
                inFlight.release();
                LOG.error("rendering a notification of subscription {} failed", active.subscription().id(), e);
                return;
            }
            attempt(active, message, 1);
        });
    }

    private void attempt(Active active, NotificationRenderer.Rendered message, int attempt) {
        Subscription s = active.subscription();
        NotificationTransport transport = transports.get(s.endpoint().getScheme());
        if (transport == null) {
            inFlight.release();
            deadLetter(active, message, attempt, "no transport for scheme " + s.endpoint().getScheme());
            return;
        }
        transport.send(s.endpoint(), message.contentType(), message.body(), message.headers()).whenComplete((ok, error) -> {
            if (error == null) {
                inFlight.release();
                active.status().sent(clock.instant());
            } else if (undeliverable(error) != null) {
                inFlight.release();
                deadLetter(active, message, attempt, undeliverable(error).getMessage());
            } else if (attempt <= retryDelays.size()) {
                active.status().attemptFailed(clock.instant());
                Duration delay = retryDelays.get(attempt - 1);
                retries.schedule(() -> senders.execute(() -> attempt(active, message, attempt + 1)), delay.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                inFlight.release();
                deadLetter(active, message, attempt, String.valueOf(error.getMessage()));
            }
        });
    }

    private static UndeliverableNotification undeliverable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UndeliverableNotification u) return u;
        }
        return null;
    }

    private void deadLetter(Active active, NotificationRenderer.Rendered message, int attempts, String error) {
        Instant now = clock.instant();
        active.status().failed(now);
        try {
            deadLetters.add(active.subscription(), message, attempts, error, now);
        } catch (RuntimeException e) {
            LOG.error("could not store a dead letter of subscription {}", active.subscription().id(), e);
        }
    }

    /** Notifications neither delivered nor dead-lettered, for want of room under overload; counted as failed on their subscription. */
    public long unrecorded() {
        return unrecorded.sum();
    }

    /** Subscriptions with their status, for saving the counters. */
    public List<Map.Entry<Subscription, SubscriptionStatus>> all() {
        return byTenant.values().stream().flatMap(m -> m.values().stream())
                .map(a -> Map.entry(a.subscription(), a.status())).toList();
    }

    @Override
    public void close() {
        periodic.close();
        retries.shutdownNow();
        senders.shutdown();
        try {
            senders.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Active(Subscription subscription, Predicate<Change> matcher, SubscriptionStatus status) {}
}
