package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Entity;
import io.city4d.core.model.EntityJson;
import io.city4d.core.model.Format;
import io.city4d.core.model.Json;
import io.city4d.core.model.NgsiNull;
import io.city4d.core.model.Times;
import io.city4d.core.port.Change;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An entity as a notification shows its change (clause 5.3.1 and 4.5.x on deleted attributes): the new state; each
 * attribute the change deleted as its NGSI-LD null ({@code "value": "urn:ngsi-ld:null"}, {@code "object"}... by kind);
 * a deleted entity as its attributes' nulls with {@code deletedAt} on the entity; and with
 * {@code showChanges}, each changed attribute's previous value beside the new one ({@code previousValue},
 * {@code previousObject}, {@code previousLanguageMap}...).
 */
record ChangeView(EntityView view, boolean showChanges, Set<String> datasetIds) {
    private static final String NULL = NgsiNull.VALUE;
    private static final String DATASET = "dataset";
    private static final String DATASET_ID = "datasetId";
    private static final String NONE = "@none";

    ObjectNode render(Change change) {
        return switch (change.kind()) {
            case CREATED -> view.render(shown(change.after()));
            case UPDATED -> updated(change);
            case DELETED -> deleted(change);
        };
    }

    /** The entity with the attribute instances of the subscription's datasetIds, or all of them without any. */
    private Entity shown(Entity entity) {
        return datasetIds == null ? entity : entity.withInstancesOf(datasetIds);
    }

    private ObjectNode updated(Change change) {
        ObjectNode now = view.render(shown(change.after()));
        ObjectNode before = view.render(shown(change.before()));
        for (Map.Entry<String, JsonNode> attribute : before.properties()) {
            if (EntityJson.ENTITY_MEMBERS.contains(attribute.getKey())) continue;
            JsonNode current = now.get(attribute.getKey());
            if (current == null) {
                now.set(attribute.getKey(), nulled(attribute.getValue(), change));
                continue;
            }
            JsonNode withLost = withLostInstances(current, attribute.getValue(), change);
            if (withLost != current) now.set(attribute.getKey(), withLost);
            else if (showChanges && !current.equals(attribute.getValue())) withPrevious(current, attribute.getValue());
        }
        return now;
    }

    private ObjectNode deleted(Change change) {
        ObjectNode before = view.render(shown(change.before()));
        ObjectNode out = Json.NODES.objectNode();
        for (Map.Entry<String, JsonNode> member : before.properties()) {
            out.set(member.getKey(), EntityJson.ENTITY_MEMBERS.contains(member.getKey()) ? member.getValue() : nulled(member.getValue(), change));
        }
        out.put("deletedAt", Times.format(change.at()));
        return out;
    }

    /**
     * The attribute's NGSI-LD null, with its previous value when changes are shown and when it was deleted
     * ({@code deletedAt}) with the system attributes; in keyValues, the null alone.
     */
    private JsonNode nulled(JsonNode attribute, Change change) {
        // all its instances gone: the attribute is, and its null is one
        JsonNode one = attribute.isArray() && !attribute.isEmpty() ? attribute.get(0) : attribute;
        if (view.format() == Format.KEY_VALUES || !(one instanceof ObjectNode shown)) return Json.NODES.textNode(NULL);
        String member = valueMember(shown);
        ObjectNode out = Json.NODES.objectNode();
        if (shown.has("type")) out.set("type", shown.get("type"));
        if (showChanges && member != null) out.set(previous(member), shown.get(member));
        if (member == null || member.equals("value") || member.equals("object")) out.put(member == null ? "value" : member, NULL);
        else if (member.equals("languageMap")) out.putObject("languageMap").put("@none", NULL);
        else out.put(member, NULL);
        if (view.sysAttrs()) out.put("deletedAt", Times.format(change.at()));
        return out;
    }

    /**
     * The attribute as it is now with the null of each instance the change deleted (a datasetId it had before and
     * has no more), beside the instances that remain; the attribute itself when it lost none.
     */
    private JsonNode withLostInstances(JsonNode current, JsonNode before, Change change) {
        if (view.format() == Format.KEY_VALUES) {
            if (!before.has(DATASET)) return current;
            ObjectNode datasets = current.has(DATASET) ? ((ObjectNode) current.get(DATASET)).deepCopy() : Json.NODES.objectNode().set(NONE, current);
            int remaining = datasets.size();
            before.get(DATASET).fieldNames().forEachRemaining(datasetId -> {
                if (!datasets.has(datasetId)) datasets.put(datasetId, NULL);
            });
            return datasets.size() == remaining ? current : Json.NODES.objectNode().set(DATASET, datasets);
        }
        List<JsonNode> now = instances(current);
        Set<String> remaining = new HashSet<>();
        now.forEach(i -> remaining.add(i.path(DATASET_ID).asText(NONE)));
        ArrayNode out = Json.NODES.arrayNode().addAll(now);
        for (JsonNode instance : instances(before)) {
            String datasetId = instance.path(DATASET_ID).asText(NONE);
            if (remaining.contains(datasetId) || !(nulled(instance, change) instanceof ObjectNode gone)) continue;
            if (!datasetId.equals(NONE)) gone.put(DATASET_ID, datasetId);
            out.add(gone);
        }
        return out.size() == now.size() ? current : out;
    }

    private static List<JsonNode> instances(JsonNode attribute) {
        List<JsonNode> out = new ArrayList<>();
        if (attribute.isArray()) attribute.forEach(out::add);
        else out.add(attribute);
        return out;
    }

    private static void withPrevious(JsonNode current, JsonNode before) {
        if (!(current instanceof ObjectNode now) || !(before instanceof ObjectNode then)) return;
        String member = valueMember(then);
        if (member != null && !then.get(member).equals(now.get(member))) now.set(previous(member), then.get(member));
    }

    private static String valueMember(ObjectNode attribute) {
        // an attribute of one kind has exactly one of them
        for (String member : EntityJson.VALUE_MEMBERS) if (attribute.has(member)) return member;
        return null;
    }

    private static String previous(String member) {
        return "previous" + Character.toUpperCase(member.charAt(0)) + member.substring(1);
    }
}
