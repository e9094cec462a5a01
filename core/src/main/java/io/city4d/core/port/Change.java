package io.city4d.core.port;

import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import java.time.Instant;
import java.util.List;

/**
 * One entity's change, as the pipeline hands it to the store and then to listeners: the state before (null when
 * created), after (null when deleted), and the attribute values to append to history.
 */
public record Change(String tenant, Entity before, Entity after, List<HistoryPoint> history, Instant at) {

    public enum Kind { CREATED, UPDATED, DELETED }

    public Change {
        history = List.copyOf(history);
    }

    public Kind kind() {
        if (before == null) return Kind.CREATED;
        return after == null ? Kind.DELETED : Kind.UPDATED;
    }

    public String entityId() {
        return after != null ? after.id() : before.id();
    }

    /** The current state, or the last one for a deletion. */
    public Entity entity() {
        return after != null ? after : before;
    }

    /**
     * An attribute value recorded at an instant; {@code replacesSameInstant} makes it take the place of the instance of
     * its series recorded at the same instant, if there is one (a temporal write sent again), instead of adding to it.
     */
    public record HistoryPoint(String attribute, Attribute value, Instant at, boolean replacesSameInstant) {
        public HistoryPoint(String attribute, Attribute value, Instant at) {
            this(attribute, value, at, false);
        }
    }
}
