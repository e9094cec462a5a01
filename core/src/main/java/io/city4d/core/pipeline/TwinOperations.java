package io.city4d.core.pipeline;

import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.pipeline.Command.UpdateMode;
import io.city4d.core.pipeline.Outcome.NotUpdated;
import io.city4d.core.port.Change;
import io.city4d.core.port.Change.HistoryPoint;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of changing an entity, as a pure function of the command, the current state and the time. The pipeline
 * calls it on the partition's single writer, so it needs no locks.
 */
public final class TwinOperations {
    private TwinOperations() {}

    public static Outcome apply(String tenant, Command command, Entity current, Instant now) {
        return switch (command) {
            case Command.Create c -> {
                if (current != null) throw new ProblemException(ProblemType.ALREADY_EXISTS, "entity already exists: " + c.entityId());
                yield create(tenant, c.entity(), now);
            }
            case Command.Replace r -> replace(tenant, existing(current, r.entityId()), r.entity(), now);
            case Command.Upsert u -> {
                if (current == null) yield create(tenant, u.entity(), now);
                yield u.replace() ? replace(tenant, current, u.entity(), now)
                        : update(tenant, current, u.entity().attributes(), UpdateMode.APPEND, now);
            }
            case Command.UpdateAttributes u -> update(tenant, existing(current, u.entityId()), u.attributes(), u.mode(), now);
            case Command.Merge m -> {
                Entity e = existing(current, m.entityId());
                Map<String, Attribute> merged = new LinkedHashMap<>();
                List<String> deleted = new ArrayList<>();
                m.fragments().forEach((name, fragment) -> {
                    Attribute attribute = AttributeMerge.merge(name, e.attribute(name), fragment);
                    if (attribute != null) merged.put(name, attribute);
                    else if (e.attribute(name) != null) deleted.add(name);
                });
                yield writeAndDelete(tenant, e, merged, deleted, List.of(), now);
            }
            case Command.PatchAttribute p -> {
                Entity e = existing(current, p.entityId());
                Attribute old = e.attribute(p.name());
                if (old == null) throw ProblemException.notFound("attribute " + p.name() + " not found on " + p.entityId());
                Attribute patched = AttributeMerge.patch(p.name(), old, p.patch());
                yield patched == null ? writeAndDelete(tenant, e, Map.of(), List.of(p.name()), List.of(), now)
                        : write(tenant, e, Map.of(p.name(), patched), now);
            }
            case Command.ReplaceAttribute r -> {
                Entity e = existing(current, r.entityId());
                if (e.attribute(r.name()) == null) throw ProblemException.notFound("attribute " + r.name() + " not found on " + r.entityId());
                yield write(tenant, e, Map.of(r.name(), r.attribute()), now);
            }
            case Command.DeleteAttribute d -> {
                Entity e = existing(current, d.entityId());
                Attribute old = e.attribute(d.name());
                if (old == null) throw ProblemException.notFound("attribute " + d.name() + " not found on " + d.entityId());
                if (d.datasetId() != null && !d.datasetId().equals(old.datasetId())) {
                    throw ProblemException.notFound("attribute " + d.name() + " has no instance with datasetId " + d.datasetId());
                }
                yield writeAndDelete(tenant, e, Map.of(), List.of(d.name()), List.of(), now);
            }
            case Command.Delete d -> new Outcome(new Change(tenant, existing(current, d.entityId()), null, List.of(), now), List.of());
            case Command.Ingest i -> current == null
                    ? create(tenant, new Entity(i.entityId(), i.types(), i.attributes(), null, null), now)
                    : write(tenant, current, i.attributes(), now);
        };
    }

    private static Entity existing(Entity current, String id) {
        if (current == null) throw ProblemException.notFound("entity not found: " + id);
        return current;
    }

    private static Outcome create(String tenant, Entity entity, Instant now) {
        Entity empty = new Entity(entity.id(), entity.types(), Map.of(), now, now);
        Outcome written = write(tenant, empty, entity.attributes(), now);
        return new Outcome(new Change(tenant, null, written.change().after(), written.change().history(), now), List.of());
    }

    private static Outcome replace(String tenant, Entity current, Entity replacement, Instant now) {
        Entity cleared = new Entity(current.id(), replacement.types(), Map.of(), current.createdAt(), now);
        Outcome written = write(tenant, cleared, replacement.attributes(), now);
        return new Outcome(new Change(tenant, current, written.change().after(), written.change().history(), now), List.of());
    }

    private static Outcome update(String tenant, Entity current, Map<String, Attribute> changes, UpdateMode mode, Instant now) {
        Map<String, Attribute> accepted = new LinkedHashMap<>();
        List<NotUpdated> refused = new ArrayList<>();
        changes.forEach((name, attribute) -> {
            Attribute old = current.attribute(name);
            switch (mode) {
                case APPEND -> accepted.put(name, attribute);
                case APPEND_NO_OVERWRITE -> {
                    if (old == null) accepted.put(name, attribute);
                    else refused.add(new NotUpdated(name, "attribute exists and noOverwrite was asked"));
                }
                case UPDATE_EXISTING -> {
                    if (old != null) accepted.put(name, attribute);
                    else refused.add(new NotUpdated(name, "attribute does not exist"));
                }
            }
        });
        return writeAndDelete(tenant, current, accepted, List.of(), refused, now);
    }

    /** Writes the accepted attributes and deletes the others in one change; nothing when there is neither. */
    private static Outcome writeAndDelete(String tenant, Entity current, Map<String, Attribute> accepted, List<String> deleted,
                                          List<NotUpdated> refused, Instant now) {
        if (accepted.isEmpty() && deleted.isEmpty()) return new Outcome(null, refused);
        Outcome written = write(tenant, current, accepted, now);
        if (deleted.isEmpty()) return new Outcome(written.change(), refused);
        LinkedHashMap<String, Attribute> remaining = written.change().after().mutableAttributes();
        deleted.forEach(remaining::remove);
        Entity after = written.change().after().withAttributes(remaining, now);
        return new Outcome(new Change(tenant, current, after, written.change().history(), now), refused);
    }

    /** Sets attributes on an entity, stamping times and recording each value in history. */
    private static Outcome write(String tenant, Entity current, Map<String, Attribute> changes, Instant now) {
        LinkedHashMap<String, Attribute> attributes = current.mutableAttributes();
        List<HistoryPoint> history = new ArrayList<>(changes.size());
        changes.forEach((name, attribute) -> {
            Attribute old = attributes.get(name);
            Attribute stamped = attribute.stamped(old == null ? now : old.createdAt(), now);
            attributes.put(name, stamped);
            history.add(new HistoryPoint(name, stamped, stamped.historyInstant()));
        });
        return new Outcome(new Change(tenant, current, current.withAttributes(attributes, now), history, now), List.of());
    }
}
