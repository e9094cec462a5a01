package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.api.common.Authentication;
import io.city4d.api.common.CpuBoundWork;
import io.city4d.api.common.Requests;
import io.city4d.core.model.EntityIds;
import io.city4d.core.model.EntityJson;
import io.city4d.core.model.Scopes;
import io.city4d.core.model.Json;
import io.city4d.core.pipeline.Command;
import io.city4d.core.pipeline.Command.UpdateMode;
import io.city4d.core.pipeline.Outcome;
import io.city4d.core.pipeline.Pipeline;
import io.city4d.core.port.Change;
import io.city4d.core.port.EntityStore;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;



import io.city4d.core.query.QueryResult;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** /entityOperations: batch create, upsert, update, merge, delete and query, each item reported (207 on any error). */
final class BatchRoutes implements HttpService {
    static final int MAX_BATCH = 10_000;

    private final Pipeline pipeline;
    private final EntityStore store;
    private final LdExchange ld;
    private final Tenants tenants;

    BatchRoutes(Pipeline pipeline, EntityStore store, LdExchange ld, Tenants tenants) {
        this.pipeline = pipeline;
        this.store = store;
        this.ld = ld;
        this.tenants = tenants;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/create", (req, res) -> entities(req, res, json -> new Command.Create(EntityJson.read(json)), true))
                .post("/upsert", (req, res) -> {
                    boolean update = QueryParams.options(req).contains("update");
                    entities(req, res, json -> new Command.Upsert(EntityJson.read(json), !update), true);
                })
                .post("/update", (req, res) -> {
                    UpdateMode mode = QueryParams.options(req).contains("noOverwrite") ? UpdateMode.APPEND_NO_OVERWRITE : UpdateMode.APPEND;
                    entities(req, res, json -> attributeUpdate(json, mode), false);
                })
                .post("/merge", (req, res) -> entities(req, res, json -> EntityRoutes.mergeCommand(entityId(json), json), false))
                .post("/delete", this::delete)
                .post("/query", this::query);
    }

    private static Command attributeUpdate(ObjectNode json, UpdateMode mode) {
        return new Command.UpdateAttributes(entityId(json), EntityJson.readAttributes(json), mode, List.of(), List.of(), Scopes.ofFragment(json, false));
    }

    private static String entityId(ObjectNode json) {
        return EntityIds.requireUri(json.path("id").asText(null), "entity id");
    }

    /** @param creates whether the items may create entities (create, upsert), and so the tenant */
    private void entities(ServerRequest req, ServerResponse res, Function<ObjectNode, Command> toCommand, boolean creates) {
        Authentication.requireWrite(req);
        String tenant = creates ? Requests.tenant(req) : tenants.existing(req);
        String type = Requests.requireContentType(req, LdExchange.BODY_TYPES);
        byte[] body = Requests.bytes(req);
        List<Item> items = CpuBoundWork.shared().run(body.length, () -> items(req, type, Requests.parseJson(body), toCommand));
        report(res, tenant, items, creates);
    }

    /** The batch's items as commands, or as the problem each has; parsing a large batch is the costly part of a write. */
    private List<Item> items(ServerRequest req, String type, JsonNode json, Function<ObjectNode, Command> toCommand) {
        JsonNode array = requireIdentified(requireArray(json), BatchRoutes::entityIdOf);
        List<Item> items = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            String id = entityIdOf(element);
            try {
                LdContext ctx = ld.contextOf(req, type, element);
                ObjectNode expanded = NgsiJson.expandEntity(EntityRoutes.requireObject(element), ctx);
                items.add(new Item(id, toCommand.apply(expanded), null));
            } catch (ProblemException e) {
                items.add(new Item(id, null, e));
            }
        }
        return items;
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = tenants.existing(req);
        Requests.requireContentType(req, LdExchange.BODY_TYPES);
        JsonNode array = requireIdentified(requireArray(Requests.json(req)), element -> element.isTextual() ? element.asText() : null);
        List<Item> items = new ArrayList<>();
        for (JsonNode element : array) {
            String id = element.asText();
            if (!EntityIds.isUri(id)) items.add(new Item(id, null, ProblemException.badData("not an entity id URI: " + element)));
            else items.add(new Item(id, new Command.Delete(id), null));
        }
        report(res, tenant, items, false);
    }

    private void report(ServerResponse res, String tenant, List<Item> items, boolean reportCreated) {
        List<CompletableFuture<Outcome>> futures = new ArrayList<>(items.size());
        for (Item item : items) {
            if (item.error() != null) {
                futures.add(CompletableFuture.failedFuture(item.error()));
            } else {
                try {
                    futures.add(pipeline.submit(tenant, item.command()));
                } catch (ProblemException e) {
                    futures.add(CompletableFuture.failedFuture(e));
                }
            }
        }
        ArrayNode success = Json.NODES.arrayNode();
        ArrayNode created = Json.NODES.arrayNode();
        ArrayNode errors = Json.NODES.arrayNode();
        boolean overloaded = false;
        for (int i = 0; i < items.size(); i++) {
            try {
                Outcome outcome = Requests.await(futures.get(i));
                if (!outcome.notUpdated().isEmpty()) throw notUpdated(outcome);
                success.add(items.get(i).id());
                if (outcome.change() != null && outcome.change().kind() == Change.Kind.CREATED) created.add(items.get(i).id());
            } catch (ProblemException e) {
                overloaded |= e.type() == ProblemType.OVERLOADED;
                ObjectNode error = errors.addObject().put("entityId", items.get(i).id());
                error.putObject("error").put("type", e.type().uri()).put("title", e.type().title()).put("status", e.type().status()).put("detail", e.detail());
            }
        }
        if (!success.isEmpty()) tenants.created(tenant);
        if (overloaded) res.header(HeaderNames.RETRY_AFTER, "1");
        if (errors.isEmpty()) {
            if (reportCreated && !created.isEmpty()) {
                res.status(201).header("Content-Type", LdExchange.JSON).send(created.toString());
            } else {
                res.status(204).send();
            }
            return;
        }
        ObjectNode body = Json.NODES.objectNode();
        body.set("success", success);
        body.set("errors", errors);
        res.status(207).header("Content-Type", LdExchange.JSON).send(body.toString());
    }

    /** POST /entityOperations/query: the query as a body (NGSI-LD Query data type). */
    private void query(ServerRequest req, ServerResponse res) {
        Authentication.requireRead(req);
        String tenant = tenants.existing(req);
        LdExchange.Body body = ld.body(req, LdExchange.BODY_TYPES);
        LdContext ctx = body.context();
        String mediaType = ld.accepted(req, true);
        QueryBody query = QueryBody.read(EntityRoutes.requireObject(body.json()), ctx, req);
        EntityView view = EntityView.of(QueryParams.options(req), Requests.param(req, "format"), query.members(),
                new LinkedEntities(query.join(), id -> store.find(tenant, id)), ctx, QueryParams.geometryProperty(req, mediaType));
        QueryResult result = store.query(tenant, query.query());
        if (query.query().count()) res.header(Pagination.RESULTS_COUNT, Long.toString(result.totalCount()));
        if (LdExchange.GEO_JSON.equals(mediaType)) ld.sendGeoJson(req, res, view.featureCollection(result.entities()), ctx);
        else ld.send(res, 200, view.renderAll(result.entities()), ctx, mediaType);
    }

    /** An entity whose attributes were only partly written (noOverwrite) did not succeed as asked. */
    private static ProblemException notUpdated(Outcome outcome) {
        StringBuilder detail = new StringBuilder("attributes not updated:");
        outcome.notUpdated().forEach(n -> detail.append(' ').append(n.attribute()).append(" (").append(n.reason()).append(')'));
        return ProblemException.badData(detail.toString());
    }

    private static JsonNode requireArray(JsonNode json) {
        if (!json.isArray()) throw ProblemException.badData("a batch body must be a JSON array");
        if (json.isEmpty()) throw ProblemException.badData("a batch holds at least one item");
        if (json.size() > MAX_BATCH) throw ProblemException.badData("a batch holds at most " + MAX_BATCH + " items");
        return json;
    }

    /** The id a batch item is reported by: its id (or @id) when that is a string, else null. */
    private static String entityIdOf(JsonNode element) {
        JsonNode id = element.has("id") ? element.get("id") : element.get("@id");
        return id != null && id.isTextual() ? id.asText() : null;
    }

    /**
     * Refuses the whole batch when an item has no id. A BatchOperationResult reports each failed item by its entity id
     * (BatchEntityError.entityId, clause 5.2.17, is mandatory), so an item without one could not be reported.
     */
    private static JsonNode requireIdentified(JsonNode array, Function<JsonNode, String> idOf) {
        List<Integer> unidentified = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (idOf.apply(array.get(i)) == null) unidentified.add(i);
        }
        if (unidentified.isEmpty()) return array;
        String which = unidentified.stream().limit(10).map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        throw ProblemException.badData("batch item" + (unidentified.size() > 1 ? "s " : " ") + which + (unidentified.size() > 10 ? " and more" : "")
                + " (counting from 0) " + (unidentified.size() > 1 ? "have" : "has") + " no entity id; every item needs one, so nothing was written");
    }

    private record Item(String id, Command command, ProblemException error) {}

}
