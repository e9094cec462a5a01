package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.api.common.Authentication;
import io.city4d.api.common.Requests;
import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.model.EntityIds;
import io.city4d.core.model.EntityJson;
import io.city4d.core.model.Scopes;
import io.city4d.core.model.Json;
import io.city4d.core.pipeline.Command;
import io.city4d.core.pipeline.Command.UpdateMode;
import io.city4d.core.pipeline.Outcome;
import io.city4d.core.pipeline.Pipeline;
import io.city4d.core.port.EntityStore;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.query.EntityQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** /entities and its attributes (NGSI-LD clause 6.4 to 6.7). */
final class EntityRoutes implements HttpService {
    static final String BASE = "/ngsi-ld/v1/entities/";
    private static final Handler MISSING_ID = PathRefusals.missingEntityId(BASE + "{entityId}...");

    private final Pipeline pipeline;
    private final EntityStore store;
    private final LdExchange ld;
    private final Tenants tenants;
    private final EntityMapQueries maps;

    EntityRoutes(Pipeline pipeline, EntityStore store, LdExchange ld, Tenants tenants, EntityMapQueries maps) {
        this.pipeline = pipeline;
        this.store = store;
        this.ld = ld;
        this.tenants = tenants;
        this.maps = maps;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::create)
                .get("/", this::query)
                .get("/{id}", this::get)
                .put("/{id}", this::replace)
                .patch("/{id}", this::merge)
                .delete("/{id}", this::delete)
                .post("/{id}/attrs", this::append)
                .patch("/{id}/attrs", this::updateAttrs)
                .patch("/{id}/attrs/{attr}", this::patchAttr)
                .put("/{id}/attrs/{attr}", this::replaceAttr)
                .delete("/{id}/attrs/{attr}", this::deleteAttr)
                .put("/", MISSING_ID)
                .patch("/", MISSING_ID)
                .route(method -> true, PathMatchers.create("/attrs"), MISSING_ID)
                .route(method -> true, PathMatchers.create("/attrs/{attr}"), MISSING_ID)
                // the attributes of an entity are appended to and updated; one attribute is replaced or deleted by its name
                .route(method -> method != Method.POST && method != Method.PATCH && method != Method.OPTIONS, PathMatchers.create("/{id}/attrs"),
                        PathRefusals.methodNotAllowed("POST, PATCH", "one attribute: " + BASE + "{entityId}/attrs/{attrId}"));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = Requests.tenant(req);
        LdExchange.Body body = ld.body(req, LdExchange.BODY_TYPES);
        Entity entity = EntityJson.read(NgsiJson.expandEntity(requireObject(body.json()), body.context()));
        Requests.await(pipeline.submit(tenant, new Command.Create(entity)));
        tenants.created(tenant);
        res.status(201).header(HeaderNames.LOCATION, BASE + entity.id()).send();
    }

    private void query(ServerRequest req, ServerResponse res) {
        Authentication.requireRead(req);
        String tenant = tenants.existing(req);
        LdContext ctx = ld.linkContext(req);
        String mediaType = ld.accepted(req, true);
        EntityMapQueries.Scope scope = maps.query(req, tenant, QueryParams.entityQuery(req, ctx, true));
        EntityQuery query = scope.query();
        EntityView view = view(req, tenant, ctx, mediaType, query.attrs());
        Pagination.Page<Entity> page = Pagination.query(store, tenant, query);
        Pagination.headers(req, res, query, page, mediaType);
        scope.header(res);
        List<Entity> entities = instancesOf(req, page.items());
        LanguageChoice lang = LanguageChoice.of(Requests.param(req, "lang"));
        if (LdExchange.GEO_JSON.equals(mediaType)) ld.sendGeoJson(req, res, LanguageChoice.apply(lang, view.featureCollection(entities)), ctx);
        else ld.send(res, scope.status(), LanguageChoice.apply(lang, view.renderAll(entities)), ctx, mediaType);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Authentication.requireRead(req);
        String tenant = tenants.existing(req);
        LdContext ctx = ld.linkContext(req);
        String mediaType = ld.accepted(req, true);
        EntityView view = view(req, tenant, ctx, mediaType, QueryParams.set(Requests.listParam(req, "attrs"), ctx));
        Entity entity = existing(tenant, id(req));
        Set<String> types = QueryParams.typeSet(Requests.param(req, "type"), ctx);
        if (types != null && types.stream().noneMatch(entity::hasType)) throw ProblemException.notFound("entity " + entity.id() + " has none of the types asked for");
        if (view.members().attrs() != null && view.members().attrs().stream().noneMatch(entity.attributes()::containsKey)) {
            throw ProblemException.notFound("entity " + entity.id() + " has none of the attributes asked for");
        }
        Entity shown = instancesOf(req, List.of(entity)).get(0);
        maps.retrieve(req, res, tenant, entity.id());
        LanguageChoice lang = LanguageChoice.of(Requests.param(req, "lang"));
        if (LdExchange.GEO_JSON.equals(mediaType)) {
            ld.sendGeoJson(req, res, LanguageChoice.apply(lang, view.feature(shown)), ctx);
            return;
        }
        JsonNode body = view.renderOne(shown);
        if (body.isEmpty()) throw ProblemException.notFound("pick and omit leave no member of entity " + entity.id());
        ld.send(res, 200, LanguageChoice.apply(lang, body), ctx, mediaType);
    }

    /** The entities with the attribute instances that the datasetId parameter names, or all of them without it. */
    private static List<Entity> instancesOf(ServerRequest req, List<Entity> entities) {
        List<String> datasetIds = Requests.listParam(req, "datasetId");
        if (datasetIds == null) return entities;
        datasetIds.forEach(d -> {
            if (!d.equals("@none")) EntityIds.requireUri(d, "datasetId");
        });
        Set<String> wanted = Set.copyOf(datasetIds);
        return entities.stream().map(e -> e.withInstancesOf(wanted)).toList();
    }

    /** How the entities of a read are shown: format, options, attrs, pick and omit, join, geometryProperty. */
    private EntityView view(ServerRequest req, String tenant, LdContext ctx, String mediaType, Set<String> attrs) {
        String geometryProperty = QueryParams.geometryProperty(req, mediaType);
        LinkedEntities links = new LinkedEntities(JoinParams.of(req), linkedId -> store.find(tenant, linkedId));
        return EntityView.of(QueryParams.options(req), Requests.param(req, "format"), QueryParams.members(req, attrs, ctx), links, ctx, geometryProperty);
    }

    private void replace(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = tenants.existing(req);
        String id = id(req);
        LdExchange.Body body = ld.body(req, LdExchange.BODY_TYPES);
        ObjectNode json = NgsiJson.expandEntity(requireObject(body.json()), body.context());
        if (json.has("id") && !id.equals(json.get("id").asText())) throw ProblemException.badData("the id in the body differs from the id in the path");
        json.put("id", id);
        submit(req, tenant, new Command.Replace(EntityJson.read(json)), body.context());
        res.status(204).send();
    }

    /** Merge-patch (clause 5.6.17): attribute fragments merge into the stored attributes, new ones are added. */
    private void merge(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = tenants.existing(req);
        String id = id(req);
        LdExchange.Body body = ld.body(req, LdExchange.PATCH_TYPES);
        Command merge = mergeCommand(id, NgsiJson.expandFragment(requireObject(body.json()), body.context()));
        submit(req, tenant, merge, body.context());
        res.status(204).send();
    }

    /**
     * The merge of an expanded entity fragment into the entity with this id (PATCH /entities/{id} and batch merge); an
     * empty fragment merges nothing into an entity that must exist (clause 5.6.17).
     */
    static Command mergeCommand(String id, ObjectNode fragment) {
        return new Command.Merge(id, EntityJson.readFragments(fragment));
    }

    private void append(ServerRequest req, ServerResponse res) {
        boolean noOverwrite = QueryParams.options(req).contains("noOverwrite");
        submitAttributes(req, res, noOverwrite ? UpdateMode.APPEND_NO_OVERWRITE : UpdateMode.APPEND, false);
    }

    /** Update Attributes (clause 5.6.2): overwrites and appends as an append does, and deletes what it gives the NGSI-LD Null. */
    private void updateAttrs(ServerRequest req, ServerResponse res) {
        submitAttributes(req, res, UpdateMode.UPDATE, true);
    }

    private void submitAttributes(ServerRequest req, ServerResponse res, UpdateMode mode, boolean nullDeletes) {
        Authentication.requireWrite(req);
        String tenant = tenants.existing(req);
        String id = id(req);
        LdExchange.Body body = ld.body(req, LdExchange.BODY_TYPES);
        ObjectNode fragment = NgsiJson.expandFragment(requireObject(body.json()), body.context());
        // an update deletes the instances it gives the NGSI-LD Null (clause 5.6.2); elsewhere the Null is refused
        List<Command.Instance> nulled = new ArrayList<>();
        if (nullDeletes) {
            EntityJson.takeNulled(fragment).forEach((name, datasetIds) -> datasetIds.forEach(datasetId ->
                    nulled.add(new Command.Instance(name, datasetId.isEmpty() || datasetId.equals("@none") ? null : datasetId))));
        }
        // types in the fragment are added to the entity's (clauses 5.6.2 and 5.6.3)
        JsonNode typeNode = fragment.has("type") ? fragment.get("type") : fragment.get("@type");
        List<String> types = typeNode == null ? List.of() : EntityJson.readTypes(NgsiJson.renameTypes(typeNode, body.context()::expand));
        Map<String, List<Attribute>> attributes = EntityJson.readAttributes(fragment);
        List<String> scopes = Scopes.ofFragment(fragment, nullDeletes);
        if (attributes.isEmpty() && nulled.isEmpty() && types.isEmpty() && scopes == null) throw ProblemException.badData("the body holds no attributes");
        Outcome outcome = submit(req, tenant, new Command.UpdateAttributes(id, attributes, mode, nulled, types, scopes), body.context());
        if (outcome.notUpdated().isEmpty()) {
            res.status(204).send();
            return;
        }
        ObjectNode result = Json.NODES.objectNode();
        ArrayNode updated = result.putArray("updated");
        ArrayNode notUpdated = result.putArray("notUpdated");
        Set<String> refused = new java.util.HashSet<>();
        outcome.notUpdated().forEach(n -> {
            refused.add(n.attribute());
            notUpdated.addObject().put("attributeName", body.context().compact(n.attribute())).put("reason", n.reason());
        });
        Set<String> given = new java.util.LinkedHashSet<>(attributes.keySet());
        nulled.forEach(n -> given.add(n.name()));
        given.stream().filter(a -> !refused.contains(a)).forEach(a -> updated.add(body.context().compact(a)));
        ld.send(res, 207, result, body.context(), LdExchange.JSON);
    }

    private void patchAttr(ServerRequest req, ServerResponse res) {
        writeAttribute(req, res, LdExchange.PATCH_TYPES, (name, fragment) -> new Command.PatchAttribute(id(req), name, fragment));
    }

    private void replaceAttr(ServerRequest req, ServerResponse res) {
        writeAttribute(req, res, LdExchange.BODY_TYPES,
                (name, fragment) -> new Command.ReplaceAttribute(id(req), name, EntityJson.readAttribute(name, fragment)));
    }

    private void writeAttribute(ServerRequest req, ServerResponse res, Set<String> mediaTypes, BiFunction<String, ObjectNode, Command> command) {
        Authentication.requireWrite(req);
        String tenant = tenants.existing(req);
        LdExchange.Body body = ld.body(req, mediaTypes);
        String attr = req.path().pathParameters().get("attr");
        if (attr.equals(Scopes.MEMBER)) throw ProblemException.badData("scope is an entity member, written with the entity or its attributes (clauses 5.6.4 and 5.6.19)");
        String name = body.context().expand(attr);
        ObjectNode fragment = NgsiJson.expandAttribute(requireObject(body.json()), body.context());
        if (fragment.isEmpty()) throw ProblemException.badData("the body holds no attribute members");
        submit(req, tenant, command.apply(name, fragment), body.context());
        res.status(204).send();
    }

    private void deleteAttr(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = tenants.existing(req);
        String attr = req.path().pathParameters().get("attr");
        // the scope member is taken away as an attribute is (clause 4.18)
        String name = attr.equals(Scopes.MEMBER) ? attr : ld.linkContext(req).expand(attr);
        InstancesToDelete which = InstancesToDelete.of(req);
        submit(req, tenant, new Command.DeleteAttribute(id(req), name, which.datasetId(), which.all()), ld.linkContext(req));
        res.status(204).send();
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = tenants.existing(req);
        submit(req, tenant, new Command.Delete(id(req)), ld.linkContext(req));
        res.status(204).send();
    }

    /** Submits a command on one entity, under the request's type selector if it has one ({@code ?type=}). */
    private Outcome submit(ServerRequest req, String tenant, Command command, LdContext ctx) {
        String type = Requests.param(req, "type");
        if (type != null) {
            String expanded = ctx.expand(type);
            EntityIds.requireUri(expanded, "type");
            command = new Command.OfType(expanded, command);
        }
        return Requests.await(pipeline.submit(tenant, command));
    }

    private Entity existing(String tenant, String id) {
        Entity entity = store.find(tenant, id);
        if (entity == null) throw ProblemException.notFound("entity not found: " + id);
        return entity;
    }

    static String id(ServerRequest req) {
        return EntityIds.requireUri(req.path().pathParameters().get("id"), "entity id");
    }

    static JsonNode requireObject(JsonNode json) {
        if (!json.isObject()) throw ProblemException.badData("the body must be a JSON object");
        return json;
    }

}
