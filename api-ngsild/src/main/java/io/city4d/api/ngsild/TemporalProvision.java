package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.api.common.Authentication;
import io.city4d.api.common.Requests;
import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.model.EntityIds;
import io.city4d.core.model.EntityJson;
import io.city4d.core.pipeline.Command;
import io.city4d.core.pipeline.Outcome;
import io.city4d.core.pipeline.Pipeline;
import io.city4d.core.port.Change;
import io.city4d.core.port.EntityStore;
import io.city4d.core.problem.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The temporal provision operations (clauses 5.6.11 to 5.6.16, bindings 6.18 to 6.22). Instances are history at their
 * observedAt; they go through the pipeline as {@link Command.AddHistory}, which also keeps the current state (created
 * when the entity does not exist, moved forward by newer instances), so that the temporal queries find such entities
 * through the entity indexes. Deletes and instance edits change stored history only.
 */
final class TemporalProvision {
    static final String BASE = "/ngsi-ld/v1/temporal/entities/";
    /** The prefix of an instanceId; the rest is the history row's id. */
    static final String INSTANCE_PREFIX = "urn:ngsi-ld:Instance:";
    private static final List<String> SYSTEM_MEMBERS = List.of("createdAt", "modifiedAt", "instanceId");

    private final Pipeline pipeline;
    private final EntityStore store;
    private final LdExchange ld;
    private final Tenants tenants;

    TemporalProvision(Pipeline pipeline, EntityStore store, LdExchange ld, Tenants tenants) {
        this.pipeline = pipeline;
        this.store = store;
        this.ld = ld;
        this.tenants = tenants;
    }

    /** Create or Update Temporal Representation of an Entity (clause 5.6.11): 201 when the entity is new, else 204. */
    void createOrUpdate(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = Requests.tenant(req);
        LdExchange.Body body = ld.body(req, LdExchange.BODY_TYPES);
        ObjectNode json = NgsiJson.expandEntity(EntityRoutes.requireObject(body.json()), body.context());
        ObjectNode header = json.objectNode();
        for (String member : List.of("id", "type")) {
            if (json.has(member)) header.set(member, json.get(member));
        }
        Entity entity = EntityJson.read(header);
        Outcome outcome = Requests.await(pipeline.submit(tenant, new Command.AddHistory(entity.id(), entity.types(), instances(json), true)));
        tenants.created(tenant);
        if (outcome.change() != null && outcome.change().kind() == Change.Kind.CREATED) {
            res.status(201).header(HeaderNames.LOCATION, BASE + entity.id()).send();
        } else {
            res.status(204).send();
        }
    }

    /** Add Attributes to Temporal Representation of an Entity (clause 5.6.12). */
    void addAttributes(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = tenants.existing(req);
        String id = EntityRoutes.id(req);
        LdExchange.Body body = ld.body(req, LdExchange.BODY_TYPES);
        ObjectNode json = NgsiJson.expandFragment(EntityRoutes.requireObject(body.json()), body.context());
        Map<String, List<Attribute>> instances = instances(json);
        if (instances.isEmpty()) throw ProblemException.badData("the body holds no attributes");
        Requests.await(pipeline.submit(tenant, new Command.AddHistory(id, List.of(), instances, false)));
        res.status(204).send();
    }

    /** Delete Temporal Representation of an Entity (clause 5.6.16): its history and its current state. */
    void delete(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = tenants.existing(req);
        String id = EntityRoutes.id(req);
        boolean hadHistory = store.deleteHistory(tenant, id, null, null, true);
        if (store.find(tenant, id) != null) {
            Requests.await(pipeline.submit(tenant, new Command.Delete(id)));
        } else if (!hadHistory) {
            throw ProblemException.notFound("entity not found: " + id);
        }
        res.status(204).send();
    }

    /** Delete Attribute from Temporal Representation of an Entity (clause 5.6.13): the default instance, one datasetId or all. */
    void deleteAttribute(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = tenants.existing(req);
        String id = EntityRoutes.id(req);
        String name = attributeName(req, ld.linkContext(req));
        InstancesToDelete which = InstancesToDelete.of(req);
        if (!store.deleteHistory(tenant, id, name, which.datasetId(), which.all())) throw ProblemException.notFound("entity " + id + " has no history of attribute " + name);
        res.status(204).send();
    }

    /** Modify Attribute Instance in Temporal Representation of an Entity (clause 5.6.14): the fragment's members replace the instance's. */
    void patchInstance(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = tenants.existing(req);
        String id = EntityRoutes.id(req);
        LdExchange.Body body = ld.body(req, LdExchange.PATCH_TYPES);
        String name = attributeName(req, body.context());
        long instance = instanceId(req);
        ObjectNode fragment = NgsiJson.expandAttribute(EntityRoutes.requireObject(body.json()), body.context());
        if (fragment.isEmpty()) throw ProblemException.badData("the body holds no attribute members");
        JsonNode stored = store.historyInstance(tenant, id, name, instance);
        if (stored == null) throw instanceNotFound(id, name, req);
        ObjectNode merged = ((ObjectNode) stored).deepCopy();
        merged.remove(SYSTEM_MEMBERS);
        JsonNode datasetId = merged.get("datasetId");
        merged.setAll(fragment);
        merged.remove(SYSTEM_MEMBERS);
        // the instance stays in its series: its datasetId is not the fragment's to change
        if (datasetId != null) merged.set("datasetId", datasetId); else merged.remove("datasetId");
        Instant createdAt = stored.has("createdAt") ? Instant.parse(stored.get("createdAt").asText()) : Instant.now();
        Attribute replacement = EntityJson.readAttribute(name, merged).stamped(createdAt, Instant.now());
        if (!store.replaceHistoryInstance(tenant, id, name, instance, replacement)) throw instanceNotFound(id, name, req);
        res.status(204).send();
    }

    /** Delete Attribute Instance from Temporal Representation of an Entity (clause 5.6.15). */
    void deleteInstance(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = tenants.existing(req);
        String id = EntityRoutes.id(req);
        String name = attributeName(req, ld.linkContext(req));
        if (!store.replaceHistoryInstance(tenant, id, name, instanceId(req), null)) throw instanceNotFound(id, name, req);
        res.status(204).send();
    }

    /**
     * The expanded attribute name of the path. An empty segment before it (Helidon collapses {@code attrs//x} into
     * {@code attrs/x}) leaves the name missing.
     */
    private static String attributeName(ServerRequest req, LdContext ctx) {
        if (req.prologue().uriPath().rawPath().contains("/attrs//")) throw ProblemException.badData("the attribute name is missing from the path");
        return ctx.expand(EntityJson.checkName(req.path().pathParameters().get("attr"), true));
    }

    private static ProblemException instanceNotFound(String id, String name, ServerRequest req) {
        return ProblemException.notFound("attribute " + name + " of " + id + " has no instance " + req.path().pathParameters().get("instance"));
    }

    /** The row id of the path's instanceId; one not of this store's form names no instance. */
    private static long instanceId(ServerRequest req) {
        String instanceId = EntityIds.requireUri(req.path().pathParameters().get("instance"), "instanceId");
        if (instanceId.startsWith(INSTANCE_PREFIX)) {
            try {
                return Long.parseLong(instanceId.substring(INSTANCE_PREFIX.length()));
            } catch (NumberFormatException e) {
                // falls through to the 404
            }
        }
        throw ProblemException.notFound("no attribute instance " + instanceId);
    }

    /** The instances of each attribute of a temporal entity fragment: an object is one instance, an array a list of them. */
    private static Map<String, List<Attribute>> instances(ObjectNode json) {
        Map<String, List<Attribute>> instances = new LinkedHashMap<>();
        json.fields().forEachRemaining(field -> {
            if (EntityJson.ENTITY_MEMBERS.contains(field.getKey())) return;
            List<Attribute> list = new ArrayList<>();
            JsonNode value = field.getValue();
            if (value.isArray()) value.forEach(instance -> list.add(EntityJson.readAttribute(field.getKey(), instance)));
            else list.add(EntityJson.readAttribute(field.getKey(), value));
            if (list.isEmpty()) throw ProblemException.badData("attribute " + field.getKey() + " has no instances");
            instances.put(field.getKey(), list);
        });
        return instances;
    }
}
