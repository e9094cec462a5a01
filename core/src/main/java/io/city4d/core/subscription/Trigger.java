package io.city4d.core.subscription;

import io.city4d.core.port.Change;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What in a change makes a subscription notify (NGSI-LD {@code notificationTrigger}, clause 5.2.12): an entity created,
 * updated or deleted, or one of its (watched) attributes created, updated or deleted.
 */
public enum Trigger {
    ENTITY_CREATED, ENTITY_UPDATED, ENTITY_DELETED, ATTRIBUTE_CREATED, ATTRIBUTE_UPDATED, ATTRIBUTE_DELETED;

    /** What a subscription that names no trigger notifies about. */
    public static final Set<Trigger> DEFAULT = EnumSet.of(ATTRIBUTE_CREATED, ATTRIBUTE_UPDATED);

    /** The trigger as NGSI-LD names it: entityCreated, attributeDeleted... */
    public String ngsiName() {
        String[] words = name().toLowerCase(Locale.ROOT).split("_");
        return words[0] + Character.toUpperCase(words[1].charAt(0)) + words[1].substring(1);
    }

    /** The trigger of this NGSI-LD name, or null. */
    public static Trigger of(String ngsiName) {
        for (Trigger t : values()) if (t.ngsiName().equals(ngsiName)) return t;
        return null;
    }

    /** Whether any of these triggers fires for the change, counting only the attributes that are watched. */
    static boolean fires(Set<Trigger> triggers, Change change, Predicate<String> watched) {
        return switch (change.kind()) {
            case CREATED -> triggers.contains(ENTITY_CREATED)
                    || triggers.contains(ATTRIBUTE_CREATED) && change.after().attributes().keySet().stream().anyMatch(watched);
            case DELETED -> triggers.contains(ENTITY_DELETED);
            case UPDATED -> triggers.contains(ENTITY_UPDATED) || attributeFires(triggers, change, watched);
        };
    }

    private static boolean attributeFires(Set<Trigger> triggers, Change change, Predicate<String> watched) {
        for (Change.HistoryPoint written : change.history()) {
            if (!watched.test(written.attribute())) continue;
            boolean existed = change.before().attributes().containsKey(written.attribute());
            if (triggers.contains(existed ? ATTRIBUTE_UPDATED : ATTRIBUTE_CREATED)) return true;
        }
        return triggers.contains(ATTRIBUTE_DELETED) && change.before().attributes().keySet().stream()
                .anyMatch(name -> watched.test(name) && lostAnInstance(change, name));
    }

    /** Whether the change deleted the attribute or one of its instances (clause 4.5.5: each datasetId its own). */
    private static boolean lostAnInstance(Change change, String name) {
        return change.before().instances(name).stream().anyMatch(i -> change.after().instance(name, i.datasetId()) == null);
    }
}
