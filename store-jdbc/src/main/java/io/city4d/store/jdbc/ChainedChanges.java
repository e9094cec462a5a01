package io.city4d.store.jdbc;

import io.city4d.core.port.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Folds each chain of changes to one entity in a commit (each change starting from the state the one before left)
 * into one change from the first state to the last, carrying all their history. A device that sends many readings
 * within one group commit then costs one write of its entity row and index rows, and one history row per reading.
 * Changes that do not chain stay as they are, so that the store still refuses what it would have refused.
 */
final class ChainedChanges {
    private ChainedChanges() {}

    private record EntityName(String tenant, String id) {}

    static List<Change> fold(List<Change> changes) {
        if (changes.size() < 2) return changes;
        Map<EntityName, List<Change>> byEntity = new LinkedHashMap<>();
        for (Change change : changes) byEntity.computeIfAbsent(new EntityName(change.tenant(), change.entityId()), k -> new ArrayList<>()).add(change);
        if (byEntity.size() == changes.size()) return changes;
        List<Change> folded = new ArrayList<>(byEntity.size());
        for (List<Change> ofOneEntity : byEntity.values()) foldChains(ofOneEntity, folded);
        return folded;
    }

    private static void foldChains(List<Change> changes, List<Change> out) {
        int start = 0;
        for (int i = 1; i <= changes.size(); i++) {
            boolean chainGoesOn = i < changes.size() && continues(changes.get(i - 1), changes.get(i));
            if (chainGoesOn) continue;
            out.addAll(merged(changes.subList(start, i)));
            start = i;
        }
    }

    private static boolean continues(Change previous, Change next) {
        return previous.after() == next.before() || (previous.after() != null && Objects.equals(previous.after(), next.before()));
    }

    /** The chain as one change; a chain that creates and then deletes its entity leaves no state to write, and stays as it is. */
    private static List<Change> merged(List<Change> chain) {
        if (chain.size() == 1) return chain;
        Change first = chain.get(0);
        Change last = chain.get(chain.size() - 1);
        if (first.before() == null && last.after() == null) return chain;
        List<Change.HistoryPoint> history = new ArrayList<>();
        for (Change change : chain) history.addAll(change.history());
        return List.of(new Change(first.tenant(), first.before(), last.after(), history, last.at()));
    }
}
