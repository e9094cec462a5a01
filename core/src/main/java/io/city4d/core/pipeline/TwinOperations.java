package io.city4d.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.model.EntityJson;
import io.city4d.core.model.Instances;
import io.city4d.core.model.NgsiNull;
import io.city4d.core.model.Scopes;
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
 * calls it on the partition's single writer, so it needs no locks. An attribute instance given in a command targets
 * the stored instance with the same datasetId (NGSI-LD clause 4.5.5), the default instance when it has none.
 */
public final class TwinOperations {
    private TwinOperations() {}

    /** An instance to take away: the one of that datasetId, or all of the attribute's instances. */
    private record Removal(String name, String datasetId, boolean all) {}

    public static Outcome apply(String tenant, Command command, Entity current, Instant now) {
        return switch (command) {
            case Command.Create c -> {
                if (current != null) throw new ProblemException(ProblemType.ALREADY_EXISTS, "entity already exists: " + c.entityId());
                yield create(tenant, c.entity(), now);
            }
            case Command.Replace r -> replace(tenant, existing(current, r.entityId()), r.entity(), now);
            case Command.Upsert u -> {
                if (current == null) yield create(tenant, u.entity(), now);
                if (u.replace()) yield replace(tenant, current, u.entity(), now);
                Outcome updated = update(tenant, current, u.entity().attributes(), List.of(), UpdateMode.APPEND, now);
                yield u.entity().scopes().isEmpty() ? updated : withScopes(tenant, current, updated, u.entity().scopes(), now);
            }
            case Command.UpdateAttributes u -> {
                Entity e = existing(current, u.entityId());
                Outcome updated = withTypes(tenant, e, update(tenant, e, u.attributes(), u.nulled(), u.mode(), now), u.addedTypes(), now);
                if (u.scopes() == null) yield updated;
                if (u.mode() == UpdateMode.UPDATE && e.scopes().isEmpty() && !u.scopes().isEmpty()) {
                    List<NotUpdated> refused = new ArrayList<>(updated.notUpdated());
                    refused.add(new NotUpdated(Scopes.MEMBER, "the entity has no scope to update"));
                    yield new Outcome(updated.change(), refused);
                }
                yield withScopes(tenant, e, updated, u.mode() == UpdateMode.APPEND_NO_OVERWRITE ? Scopes.union(e.scopes(), u.scopes()) : u.scopes(), now);
            }
            case Command.Merge m -> {
                Entity e = existing(current, m.entityId());
                Map<String, JsonNode> fragments = new LinkedHashMap<>(m.fragments());
                JsonNode scope = fragments.remove(Scopes.MEMBER);
                Outcome merged = merge(tenant, e, fragments, now);
                yield scope == null ? merged : withScopes(tenant, e, merged, NgsiNull.deletes(scope) ? List.of() : Scopes.read(scope), now);
            }
            case Command.PatchAttribute p -> {
                Entity e = existing(current, p.entityId());
                String datasetId = datasetIdOf(p.patch());
                Attribute old = existingInstance(e, p.name(), datasetId);
                Attribute patched = AttributeMerge.patch(p.name(), old, p.patch());
                yield patched == null ? writeAndDelete(tenant, e, Map.of(), List.of(new Removal(p.name(), datasetId, false)), List.of(), now)
                        : write(tenant, e, Map.of(p.name(), List.of(patched)), now);
            }
            case Command.ReplaceAttribute r -> {
                Entity e = existing(current, r.entityId());
                existingInstance(e, r.name(), r.attribute().datasetId());
                yield write(tenant, e, Map.of(r.name(), List.of(r.attribute())), now);
            }
            case Command.DeleteAttribute d -> {
                Entity e = existing(current, d.entityId());
                if (d.name().equals(Scopes.MEMBER)) {
                    if (e.scopes().isEmpty()) throw ProblemException.notFound("entity " + d.entityId() + " has no scope");
                    yield withScopes(tenant, e, new Outcome(null, List.of()), List.of(), now);
                }
                if (d.all()) {
                    if (e.instances(d.name()).isEmpty()) throw ProblemException.notFound("attribute " + d.name() + " not found on " + d.entityId());
                } else {
                    existingInstance(e, d.name(), d.datasetId());
                }
                yield writeAndDelete(tenant, e, Map.of(), List.of(new Removal(d.name(), d.datasetId(), d.all())), List.of(), now);
            }
            case Command.Delete d -> new Outcome(new Change(tenant, existing(current, d.entityId()), null, List.of(), now), List.of());
            case Command.OfType t -> {
                if (current != null && !current.types().contains(t.type())) {
                    throw ProblemException.notFound("entity " + t.entityId() + " has no type " + t.type());
                }
                yield apply(tenant, t.command(), current, now);
            }
            case Command.AddHistory h -> TemporalWrites.add(tenant, h, h.creates() ? current : existing(current, h.entityId()), now);
            case Command.Ingest i -> current == null
                    ? create(tenant, Entity.of(i.entityId(), i.types(), i.attributes(), null, null), now)
                    : write(tenant, current, Instances.single(i.attributes()), now);
        };
    }

    private static Entity existing(Entity current, String id) {
        if (current == null) throw ProblemException.notFound("entity not found: " + id);
        return current;
    }

    private static Attribute existingInstance(Entity entity, String name, String datasetId) {
        Attribute old = entity.instance(name, datasetId);
        if (old != null) return old;
        if (entity.instances(name).isEmpty()) throw ProblemException.notFound("attribute " + name + " not found on " + entity.id());
        throw ProblemException.notFound("attribute " + name + " of " + entity.id() + " has no "
                + (datasetId == null ? "default instance (one without datasetId)" : "instance with datasetId " + datasetId));
    }

    private static String datasetIdOf(JsonNode fragment) {
        JsonNode datasetId = fragment.isObject() ? fragment.get("datasetId") : null;
        return datasetId != null && datasetId.isTextual() ? datasetId.asText() : null;
    }

    private static Outcome create(String tenant, Entity entity, Instant now) {
        Entity empty = new Entity(entity.id(), entity.types(), Map.of(), entity.scopes(), now, now);
        Outcome written = write(tenant, empty, entity.attributes(), now);
        return new Outcome(new Change(tenant, null, written.change().after(), written.change().history(), now), List.of());
    }

    private static Outcome replace(String tenant, Entity current, Entity replacement, Instant now) {
        Entity cleared = new Entity(current.id(), replacement.types(), Map.of(), replacement.scopes(), current.createdAt(), now);
        Outcome written = write(tenant, cleared, replacement.attributes(), now);
        return new Outcome(new Change(tenant, current, written.change().after(), written.change().history(), now), List.of());
    }

    private static Outcome update(String tenant, Entity current, Map<String, List<Attribute>> changes, List<Command.Instance> nulled,
                                  UpdateMode mode, Instant now) {
        Map<String, List<Attribute>> accepted = new LinkedHashMap<>();
        List<NotUpdated> refused = new ArrayList<>();
        List<Removal> removals = new ArrayList<>();
        for (Command.Instance instance : nulled) {
            if (current.instance(instance.name(), instance.datasetId()) != null) removals.add(new Removal(instance.name(), instance.datasetId(), false));
            else refused.add(new NotUpdated(instance.name(), "attribute does not exist"));
        }
        changes.forEach((name, instances) -> {
            for (Attribute instance : instances) {
                boolean exists = current.instance(name, instance.datasetId()) != null;
                String refusal = switch (mode) {
                    case APPEND, UPDATE -> null;
                    case APPEND_NO_OVERWRITE -> exists ? "attribute exists and noOverwrite was asked" : null;
                };
                if (refusal == null) accepted.computeIfAbsent(name, n -> new ArrayList<>()).add(instance);
                else refused.add(new NotUpdated(name, instance.datasetId() == null ? refusal : refusal + " (datasetId " + instance.datasetId() + ")"));
            }
        });
        return writeAndDelete(tenant, current, accepted, removals, refused, now);
    }

    /** The outcome with the entity also given the types it lacks of {@code added} (clauses 5.6.2 and 5.6.3). */
    private static Outcome withTypes(String tenant, Entity current, Outcome outcome, List<String> added, Instant now) {
        List<String> types = new ArrayList<>(current.types());
        added.stream().filter(t -> !types.contains(t)).forEach(types::add);
        if (types.size() == current.types().size()) return outcome;
        Change change = outcome.change();
        Entity after = change == null ? current.withAttributes(current.attributes(), now) : change.after();
        return new Outcome(new Change(tenant, current, after.withTypes(types), change == null ? List.of() : change.history(), now), outcome.notUpdated());
    }

    /** The outcome with the entity's scopes set to {@code scopes} (clause 4.18); as it was when they are the same. */
    private static Outcome withScopes(String tenant, Entity current, Outcome outcome, List<String> scopes, Instant now) {
        Change change = outcome.change();
        Entity after = change == null ? current : change.after();
        if (after.scopes().equals(scopes)) return outcome;
        return new Outcome(new Change(tenant, current, after.withScopes(scopes, now), change == null ? List.of() : change.history(), now), outcome.notUpdated());
    }

    /** Merges each fragment into the instance of its datasetId; an array merges each of its instances so. */
    private static Outcome merge(String tenant, Entity e, Map<String, JsonNode> fragments, Instant now) {
        Map<String, List<Attribute>> merged = new LinkedHashMap<>();
        List<Removal> deleted = new ArrayList<>();
        fragments.forEach((name, fragment) -> {
            List<JsonNode> parts = new ArrayList<>();
            if (EntityJson.isMultiInstance(fragment)) fragment.forEach(parts::add);
            else parts.add(fragment);
            for (JsonNode part : parts) {
                String datasetId = datasetIdOf(part);
                Attribute old = e.instance(name, datasetId);
                Attribute attribute = AttributeMerge.merge(name, old, part);
                if (attribute != null) merged.computeIfAbsent(name, n -> new ArrayList<>()).add(attribute);
                else if (old != null) deleted.add(new Removal(name, datasetId, false));
            }
        });
        return writeAndDelete(tenant, e, merged, deleted, List.of(), now);
    }

    /** Writes the accepted instances and removes the others in one change; nothing when there is neither. */
    private static Outcome writeAndDelete(String tenant, Entity current, Map<String, List<Attribute>> accepted, List<Removal> deleted,
                                          List<NotUpdated> refused, Instant now) {
        if (accepted.isEmpty() && deleted.isEmpty()) return new Outcome(null, refused);
        Outcome written = write(tenant, current, accepted, now);
        if (deleted.isEmpty()) return new Outcome(written.change(), refused);
        LinkedHashMap<String, List<Attribute>> remaining = written.change().after().mutableAttributes();
        for (Removal removal : deleted) {
            List<Attribute> left = removal.all() ? List.of() : Instances.without(remaining.getOrDefault(removal.name(), List.of()), removal.datasetId());
            if (left.isEmpty()) remaining.remove(removal.name());
            else remaining.put(removal.name(), left);
        }
        Entity after = written.change().after().withAttributes(remaining, now);
        return new Outcome(new Change(tenant, current, after, written.change().history(), now), refused);
    }

    /** Sets attribute instances on an entity, stamping times and recording each value in history. */
    private static Outcome write(String tenant, Entity current, Map<String, List<Attribute>> changes, Instant now) {
        LinkedHashMap<String, List<Attribute>> attributes = current.mutableAttributes();
        List<HistoryPoint> history = new ArrayList<>(changes.size());
        changes.forEach((name, instances) -> {
            List<Attribute> stored = attributes.getOrDefault(name, List.of());
            for (Attribute attribute : instances) {
                Attribute old = Instances.find(stored, attribute.datasetId());
                Attribute stamped = attribute.stamped(old == null ? now : old.createdAt(), now);
                stored = Instances.put(stored, stamped);
                history.add(new HistoryPoint(name, stamped, stamped.historyInstant()));
            }
            attributes.put(name, stored);
        });
        return new Outcome(new Change(tenant, current, current.withAttributes(attributes, now), history, now), List.of());
    }
}
