package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.api.common.Authentication;
import io.city4d.api.common.Requests;
import io.city4d.core.model.Json;
import io.city4d.core.port.EntityStore;
import io.city4d.core.port.EntityStore.AttributeSummary;
import io.city4d.core.port.EntityStore.TypeSummary;
import io.city4d.core.problem.ProblemException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Set;
import java.util.UUID;

/** /types and /attributes: what kinds of entities and attributes the twin holds (NGSI-LD clause 5.7.5 to 5.7.10). */
final class DiscoveryRoutes implements HttpService {
    private static final Set<String> DETAILS = Set.of("details");
    private final EntityStore store;
    private final LdExchange ld;
    private final Tenants tenants;

    DiscoveryRoutes(EntityStore store, LdExchange ld, Tenants tenants) {
        this.store = store;
        this.ld = ld;
        this.tenants = tenants;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/types", this::types)
                .get("/types/{+type}", this::type)
                .get("/attributes", this::attributes)
                .get("/attributes/{+attr}", this::attribute);
    }

    private void types(ServerRequest req, ServerResponse res) {
        Authentication.requireRead(req);
        KnownParameters.requireOnly(req, DETAILS);
        LdContext ctx = ld.linkContext(req);
        var types = store.types(tenants.existing(req));
        if ("true".equals(Requests.param(req, "details"))) {
            ArrayNode out = Json.NODES.arrayNode();
            for (TypeSummary t : types) {
                ObjectNode o = out.addObject().put("id", t.type()).put("type", "EntityType").put("typeName", ctx.compact(t.type()));
                ArrayNode names = o.putArray("attributeNames");
                t.attributes().forEach(a -> names.add(ctx.compact(a)));
            }
            ld.send(res, 200, out, ctx, ld.accepted(req, false));
            return;
        }
        sendNames(req, res, ctx, "EntityTypeList", "typeList", types.stream().map(TypeSummary::type).toList());
    }

    private void type(ServerRequest req, ServerResponse res) {
        Authentication.requireRead(req);
        KnownParameters.requireOnly(req, Set.of());
        LdContext ctx = ld.linkContext(req);
        String type = ctx.expand(req.path().pathParameters().get("type"));
        TypeSummary t = store.types(tenants.existing(req)).stream().filter(s -> s.type().equals(type)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("no entities of type " + type));
        ObjectNode info = Json.NODES.objectNode().put("id", t.type()).put("type", "EntityTypeInfo")
                .put("typeName", ctx.compact(t.type())).put("entityCount", t.count());
        ArrayNode details = info.putArray("attributeDetails");
        t.attributes().forEach(a -> details.addObject().put("id", a).put("type", "Attribute").put("attributeName", ctx.compact(a)));
        ld.send(res, 200, info, ctx, ld.accepted(req, false));
    }

    private void attributes(ServerRequest req, ServerResponse res) {
        Authentication.requireRead(req);
        KnownParameters.requireOnly(req, DETAILS);
        LdContext ctx = ld.linkContext(req);
        var attributes = store.attributes(tenants.existing(req));
        if ("true".equals(Requests.param(req, "details"))) {
            ArrayNode out = Json.NODES.arrayNode();
            attributes.forEach(a -> out.add(attributeInfo(a, ctx, false)));
            ld.send(res, 200, out, ctx, ld.accepted(req, false));
            return;
        }
        sendNames(req, res, ctx, "AttributeList", "attributeList", attributes.stream().map(AttributeSummary::attribute).toList());
    }

    private void attribute(ServerRequest req, ServerResponse res) {
        Authentication.requireRead(req);
        KnownParameters.requireOnly(req, Set.of());
        LdContext ctx = ld.linkContext(req);
        String name = ctx.expand(req.path().pathParameters().get("attr"));
        AttributeSummary a = store.attributes(tenants.existing(req)).stream().filter(s -> s.attribute().equals(name)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("no attribute " + name));
        ld.send(res, 200, attributeInfo(a, ctx, true), ctx, ld.accepted(req, false));
    }

    /** An EntityTypeList or AttributeList: a fresh id and the compacted names. */
    private void sendNames(ServerRequest req, ServerResponse res, LdContext ctx, String listType, String member, java.util.List<String> iris) {
        ObjectNode list = Json.NODES.objectNode().put("id", "urn:ngsi-ld:" + listType + ":" + UUID.randomUUID()).put("type", listType);
        ArrayNode names = list.putArray(member);
        iris.forEach(iri -> names.add(ctx.compact(iri)));
        ld.send(res, 200, list, ctx, ld.accepted(req, false));
    }

    private static ObjectNode attributeInfo(AttributeSummary a, LdContext ctx, boolean withCount) {
        ObjectNode o = Json.NODES.objectNode().put("id", a.attribute()).put("type", "Attribute").put("attributeName", ctx.compact(a.attribute()));
        if (withCount) o.put("attributeCount", a.count());
        ArrayNode types = o.putArray("typeNames");
        a.types().forEach(t -> types.add(ctx.compact(t)));
        return o;
    }
}
