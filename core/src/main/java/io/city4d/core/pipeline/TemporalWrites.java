package io.city4d.core.pipeline;

import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.model.Instances;
import io.city4d.core.port.Change;
import io.city4d.core.port.Change.HistoryPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Temporal provision as a change of the twin: every instance becomes history at its own instant (observedAt, else
 * now), in place of the one of its attribute instance at that instant if there is one (ETSI 008_01), and the current state follows only the instances newer than what it holds, so that back-filled history never
 * rolls the twin back.
 */
final class TemporalWrites {
    private TemporalWrites() {}

    static Outcome add(String tenant, Command.AddHistory command, Entity current, Instant now) {
        Entity base = current != null ? current : new Entity(command.entityId(), command.types(), Map.of(), now, now);
        LinkedHashMap<String, List<Attribute>> attributes = base.mutableAttributes();
        List<HistoryPoint> history = new ArrayList<>();
        command.instances().forEach((name, instances) -> {
            List<Attribute> stored = attributes.getOrDefault(name, List.of());
            for (Attribute instance : instances) {
                Attribute old = Instances.find(stored, instance.datasetId());
                Attribute stamped = instance.stamped(old == null ? now : old.createdAt(), now);
                history.add(new HistoryPoint(name, stamped, stamped.historyInstant(), true));
                if (old == null || !stamped.historyInstant().isBefore(old.historyInstant())) stored = Instances.put(stored, stamped);
            }
            attributes.put(name, stored);
        });
        List<String> types = new ArrayList<>(base.types());
        command.types().stream().filter(t -> !types.contains(t)).forEach(types::add);
        Entity after = base.withAttributes(attributes, now).withTypes(types);
        return new Outcome(new Change(tenant, current, after, history, now), List.of());
    }
}
