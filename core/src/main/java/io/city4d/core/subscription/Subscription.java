package io.city4d.core.subscription;

import io.city4d.core.model.Entity;
import io.city4d.core.model.Format;
import io.city4d.core.port.Change;
import io.city4d.core.query.BoundedRegex;
import io.city4d.core.query.GeoQuery;
import io.city4d.core.query.QExpr;
import io.city4d.core.query.QMatcher;
import io.city4d.core.query.ScopeQuery;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a subscriber wants to hear about, with names already expanded: entity selectors, watched attributes, a q, a
 * geo-query and a scopeQ on the new state, a minimum interval between notifications, and where to send them; or, with a
 * {@code timeInterval}, the state of what it selects every interval, changed or not.
 */
public record Subscription(String id, String tenant, List<Selector> selectors, Set<String> watchedAttributes, QExpr q, GeoQuery geo, ScopeQuery scopeQ,
                           Duration throttling, Instant expiresAt, boolean active, Delivery delivery, Set<Trigger> triggers,
                           Duration timeInterval) {

    public Subscription {
        selectors = List.copyOf(selectors);
        watchedAttributes = watchedAttributes == null ? null : Set.copyOf(watchedAttributes);
        triggers = triggers.isEmpty() ? Trigger.DEFAULT : Set.copyOf(triggers);
    }

    /**
     * Where and how notifications go: the endpoint, the attributes to include (null = all), the representation, the
     * media type the receiver accepts, the @context URLs to compact names with, the headers the receiver asked for
     * ({@code receiverInfo}), whether to show previous values beside the new ones ({@code showChanges}) and the
     * system attributes ({@code sysAttrs}), and the entity members {@code pick} keeps and {@code omit} drops, in the
     * API's projection syntax with names expanded (null = no such filter), and the datasetIds of the attribute
     * instances to show ("@none" for the default instances; null = all).
     */
    public record Delivery(URI endpoint, Set<String> attributes, Format format, String accept, List<String> contextUrls,
                           Map<String, String> headers, boolean showChanges, boolean sysAttrs, String pick, String omit,
                           Set<String> datasetIds) {
        public Delivery {
            attributes = attributes == null ? null : Set.copyOf(attributes);
            datasetIds = datasetIds == null ? null : Set.copyOf(datasetIds);
            contextUrls = List.copyOf(contextUrls);
            headers = Map.copyOf(headers);
        }
    }

    public URI endpoint() {
        return delivery.endpoint();
    }

    /** An entity selector: any of id, idPattern and type that are set must match. */
    public record Selector(String id, String idPattern, String type) {
        Predicate<Entity> matcher() {
            BoundedRegex pattern = idPattern == null ? null : BoundedRegex.compile(idPattern, "idPattern");
            return e -> (id == null || id.equals(e.id())) && (type == null || e.hasType(type))
                    && (pattern == null || pattern.matches(e.id()));
        }
    }

    /** Compiles this subscription's filters once, for the engine's hot path. */
    Predicate<Change> compile() {
        List<Predicate<Entity>> selectorMatchers = selectors.stream().map(Selector::matcher).toList();
        Predicate<Entity> state = q == null ? e -> true : QMatcher.compile(q);
        Predicate<Entity> where = geo == null ? e -> true : geo.matcher();
        Predicate<Entity> scoped = scopeQ == null ? e -> true : scopeQ.matcher();
        Predicate<String> watched = watchedAttributes == null ? name -> true : watchedAttributes::contains;
        return change -> {
            Entity entity = change.entity();
            if (!selectorMatchers.isEmpty() && selectorMatchers.stream().noneMatch(m -> m.test(entity))) return false;
            if (!Trigger.fires(triggers, change, watched)) return false;
            return change.kind() == Change.Kind.DELETED || state.test(entity) && where.test(entity) && scoped.test(entity);
        };
    }

    public boolean isLive(Instant now) {
        return active && (expiresAt == null || now.isBefore(expiresAt));
    }
}
