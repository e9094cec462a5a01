package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.api.common.Authentication;
import io.city4d.api.common.Requests;
import io.city4d.core.model.Json;
import io.city4d.core.model.Times;
import io.city4d.core.model.ValueKind;
import io.city4d.core.pipeline.Pipeline;
import io.city4d.core.port.EntityStore;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.TemporalQuery;
import io.city4d.core.query.TemporalQuery.Aggregation;
import io.city4d.core.query.TemporalQuery.Method;
import io.city4d.core.query.TemporalResult;
import io.city4d.core.query.TemporalResult.Bucket;
import io.city4d.core.query.TemporalResult.EntityHistory;
import io.city4d.core.query.TemporalResult.Instance;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/** /temporal/entities: history of attributes, as instances, simplified values or aggregates (NGSI-LD clause 6.18 to 6.20). */
final class TemporalRoutes implements HttpService {
    private final EntityStore store;
    private final LdExchange ld;
    private final Tenants tenants;
    private final TemporalProvision provision;
    private static final List<String> SYSTEM_ATTRIBUTES = List.of("createdAt", "modifiedAt");
    private static final Set<String> REPRESENTATIONS = Set.of("temporalValues", "aggregatedValues", "keyValues", "simplified");

    TemporalRoutes(Pipeline pipeline, EntityStore store, LdExchange ld, Tenants tenants) {
        this.store = store;
        this.ld = ld;
        this.tenants = tenants;
        this.provision = new TemporalProvision(pipeline, store, ld, tenants);
    }

    @Override
    public void routing(HttpRules rules) {
        for (String path : List.of("/attrs", "/attrs/{attr}", "/attrs/{attr}/{instance}")) {
            rules.route(method -> method != io.helidon.http.Method.GET, PathMatchers.create(path), PathRefusals.missingEntityId(TemporalProvision.BASE + "{entityId}/attrs..."));
        }
        rules.get("/", this::query).get("/{id}", this::entity)
                .patch("/{id}/attrs/{attr}", PathRefusals.methodNotAllowed("DELETE", "one attribute instance: " + TemporalProvision.BASE + "{entityId}/attrs/{attrId}/{instanceId}"))
                .post("/", provision::createOrUpdate)
                .delete("/", PathRefusals.methodNotAllowed("GET, POST", "one entity: " + TemporalProvision.BASE + "{entityId}"))
                .delete("/{id}", provision::delete)
                .post("/{id}/attrs", provision::addAttributes)
                .delete("/{id}/attrs/{attr}", provision::deleteAttribute)
                .patch("/{id}/attrs/{attr}/{instance}", provision::patchInstance)
                .delete("/{id}/attrs/{attr}/{instance}", provision::deleteInstance);
    }

    private void query(ServerRequest req, ServerResponse res) {
        Authentication.requireHistory(req);
        LdContext ctx = ld.linkContext(req);
        EntityQuery entities = QueryParams.entityQuery(req, ctx, true);
        MemberFilter members = members(req, entities.attrs(), ctx);
        String tenant = tenants.existing(req);
        String mediaType = ld.accepted(req, false);
        TemporalResult result = store.temporal(tenant, temporalQuery(req, entities, entities.attrs()));
        ArrayNode out = Json.NODES.arrayNode();
        Set<String> options = options(req);
        result.entities().forEach(e -> {
            ObjectNode rendered = render(e, ctx, options);
            members.filterCompacted(rendered, ctx);
            if (!rendered.isEmpty()) out.add(rendered);
        });
        Pagination.headers(req, res, entities, Pagination.of(store, tenant, entities, result.entities()), mediaType);
        ld.send(res, 200, out, ctx, mediaType);
    }

    private void entity(ServerRequest req, ServerResponse res) {
        Authentication.requireHistory(req);
        LdContext ctx = ld.linkContext(req);
        String id = EntityRoutes.id(req);
        Set<String> attrs = QueryParams.set(Requests.listParam(req, "attrs"), ctx);
        MemberFilter members = members(req, attrs, ctx);
        EntityQuery one = new EntityQuery(Set.of(id), null, null, null, null, null, 1, 0, false);
        String tenant = tenants.existing(req);
        TemporalResult result = store.temporal(tenant, temporalQuery(req, one, attrs));
        if (result.entities().isEmpty()) throw ProblemException.notFound("entity not found: " + id);
        EntityHistory found = result.entities().get(0);
        if (attrs != null && found.instances().isEmpty() && found.aggregates().isEmpty()) {
            var current = store.find(tenant, id);
            if (current != null && attrs.stream().noneMatch(current.attributes()::containsKey)) {
                throw ProblemException.notFound("entity " + id + " has none of the attributes asked for");
            }
        }
        ObjectNode rendered = render(result.entities().get(0), ctx, options(req));
        members.filterCompacted(rendered, ctx);
        if (rendered.isEmpty()) throw ProblemException.notFound("pick and omit leave no member of entity " + id);
        ld.send(res, 200, rendered, ctx, ld.accepted(req, false));
    }

    /** pick and omit; the temporal API has no join, so they project no linked entity. */
    private static MemberFilter members(ServerRequest req, Set<String> attrs, LdContext ctx) {
        MemberFilter members = QueryParams.members(req, attrs, ctx);
        if (members.linkDepth() > 0) throw ProblemException.badData("the temporal API has no join: pick and omit cannot project linked entities");
        return members;
    }

    private static TemporalQuery temporalQuery(ServerRequest req, EntityQuery entities, Set<String> attrs) {
        Instant timeAt = time(req, "timeAt");
        Instant endTimeAt = time(req, "endTimeAt");
        Instant[] window = TemporalQuery.window(Requests.param(req, "timerel"), timeAt, endTimeAt);
        String lastN = Requests.param(req, "lastN");
        Aggregation aggregation = null;
        Set<String> options = options(req);
        if (options.contains("aggregatedValues")) {
            List<String> methods = Requests.listParam(req, "aggrMethods");
            if (methods == null || methods.isEmpty()) throw ProblemException.badData("aggregatedValues needs aggrMethods");
            aggregation = new Aggregation(methods.stream().map(Method::of).toList(), duration(Requests.param(req, "aggrPeriodDuration")));
        }
        return new TemporalQuery(entities, attrs, window[0], window[1], lastN == null ? null : Requests.intParam(req, "lastN", 0), aggregation);
    }

    /**
     * The options, with the representation that the format parameter names (clause 6.3.7) in place of the one the
     * options name: normalized, temporalValues (also simplified or keyValues) or aggregatedValues.
     */
    private static Set<String> options(ServerRequest req) {
        Set<String> options = QueryParams.options(req);
        String format = Requests.param(req, "format");
        if (format == null) return options;
        Set<String> chosen = new java.util.HashSet<>(options);
        chosen.removeAll(REPRESENTATIONS);
        switch (format) {
            case "normalized" -> { }
            case "temporalValues", "simplified", "keyValues" -> chosen.add("temporalValues");
            case "aggregatedValues" -> chosen.add("aggregatedValues");
            default -> throw ProblemException.invalid("format must be normalized, temporalValues or aggregatedValues: " + format);
        }
        return chosen;
    }

    private static Instant time(ServerRequest req, String name) {
        String v = Requests.param(req, name);
        return v == null ? null : Times.parse(v, name);
    }

    private static Duration duration(String iso) {
        if (iso == null) return null;
        try {
            return Duration.parse(iso);
        } catch (DateTimeParseException e) {
            throw ProblemException.badData("aggrPeriodDuration is not an ISO 8601 duration such as PT1H or P1D: " + iso);
        }
    }

    private static ObjectNode render(EntityHistory history, LdContext ctx, Set<String> options) {
        ObjectNode out = Json.NODES.objectNode().put("id", history.id());
        out.set("type", NgsiJson.renameTypes(history.types().size() == 1 ? Json.NODES.textNode(history.types().get(0)) : Json.MAPPER.valueToTree(history.types()), ctx::compact));
        boolean simplified = options.contains("temporalValues");
        if (history.aggregates() != null && !history.aggregates().isEmpty()) {
            history.aggregates().forEach((attr, buckets) -> out.set(ctx.compact(attr),
                    perDataset(buckets, Bucket::datasetId, (datasetId, ofDataset) -> aggregated(datasetId, ofDataset))));
            return out;
        }
        history.instances().forEach((attr, instances) -> {
            String name = ctx.compact(attr);
            if (simplified) {
                out.set(name, perDataset(instances, i -> i.attribute().path("datasetId").asText(null), (datasetId, ofDataset) -> simplified(datasetId, ofDataset, ctx)));
            } else {
                ArrayNode list = out.putArray(name);
                List<JsonNode> compacted = new ArrayList<>(instances.size());
                boolean sysAttrs = options.contains("sysAttrs");
                instances.forEach(i -> {
                    ObjectNode instance = NgsiJson.compactAttribute(i.attribute(), ctx);
                    if (!sysAttrs) instance.remove(SYSTEM_ATTRIBUTES);
                    compacted.add(instance.put("instanceId", TemporalProvision.INSTANCE_PREFIX + i.id()));
                });
                list.addAll(compacted);
            }
        });
        return out;
    }

    /** One rendering per instance (datasetId) of an attribute: the only one as itself, several as an array. */
    private static <T> JsonNode perDataset(List<T> items, Function<T, String> datasetId, BiFunction<String, List<T>, ObjectNode> render) {
        Map<String, List<T>> byDataset = new LinkedHashMap<>();
        for (T item : items) byDataset.computeIfAbsent(Objects.requireNonNullElse(datasetId.apply(item), ""), d -> new ArrayList<>()).add(item);
        if (byDataset.size() <= 1) {
            var only = byDataset.entrySet().stream().findFirst();
            return render.apply(only.map(e -> e.getKey().isEmpty() ? null : e.getKey()).orElse(null), only.map(Map.Entry::getValue).orElse(List.of()));
        }
        ArrayNode all = Json.NODES.arrayNode();
        byDataset.forEach((id, ofDataset) -> all.add(render.apply(id.isEmpty() ? null : id, ofDataset)));
        return all;
    }

    private static ObjectNode aggregated(String datasetId, List<Bucket> buckets) {
        ObjectNode a = Json.NODES.objectNode().put("type", "Property");
        if (datasetId != null) a.put("datasetId", datasetId);
        Map<Method, ArrayNode> byMethod = new java.util.EnumMap<>(Method.class);
        for (var bucket : buckets) {
            bucket.values().forEach((method, value) -> {
                ArrayNode triple = byMethod.computeIfAbsent(method, m -> a.putArray(m.ngsiName)).addArray();
                if (value == null) triple.addNull(); else triple.add(value);
                triple.add(Times.format(bucket.from())).add(Times.format(bucket.to()));
            });
        }
        return a;
    }

    /** The member of the value-time pairs in the simplified representation (clause 4.5.9): values, objects, jsons, languageMaps... */
    private static String pairsMember(JsonNode attribute) {
        if (attribute.has("object")) return "objects";
        ValueKind kind = ValueKind.ofMembers(attribute);
        return kind == null ? "values" : kind.member() + "s";
    }

    /**
     * The value of a pair (clause 4.5.9): a Property's value and a Relationship's object as such, a list's elements as a
     * bare array, and the JSON, language map or vocabulary of the other kinds under their member.
     */
    private static JsonNode simplifiedValue(ObjectNode attribute) {
        if (attribute.has("object")) return attribute.get("object");
        ValueKind kind = ValueKind.ofMembers(attribute);
        if (kind == null) return attribute.path("value");
        JsonNode value = attribute.path(kind.member());
        return switch (kind) {
            case LIST -> value;
            case LIST_RELATIONSHIP -> {
                ArrayNode objects = Json.NODES.arrayNode();
                value.forEach(o -> objects.add(o.isObject() ? o.path("object") : o));
                yield objects;
            }
            default -> Json.NODES.objectNode().set(kind.member(), value);
        };
    }

    private static ObjectNode simplified(String datasetId, List<Instance> instances, LdContext ctx) {
        ObjectNode a = Json.NODES.objectNode().put("type", instances.isEmpty() ? "Property" : instances.get(0).attribute().path("type").asText("Property"));
        if (datasetId != null) a.put("datasetId", datasetId);
        ArrayNode values = a.putArray(instances.isEmpty() ? "values" : pairsMember(instances.get(0).attribute()));
        for (var instance : instances) {
            ObjectNode attribute = NgsiJson.compactAttribute(instance.attribute(), ctx);
            values.addArray().add(simplifiedValue(attribute)).add(Times.format(instance.at()));
        }
        return a;
    }
}
