package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.api.common.Requests;
import io.city4d.core.model.EntityIds;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.GeoQuery;
import io.city4d.core.query.QExpr;
import io.city4d.core.query.QueryParser;
import io.city4d.core.query.ScopeQuery;
import io.helidon.webserver.http.ServerRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The NGSI-LD Query data type (clause 5.2.23) of POST /entityOperations/query: entity selectors (clause 5.2.33), attrs,
 * q, geoQ, pick, omit, join and joinLevel, each checked against its table; paging comes from the query parameters.
 */
record QueryBody(EntityQuery query, MemberFilter members, JoinParams join) {

    static QueryBody read(JsonNode body, LdContext ctx, ServerRequest req) {
        if (!"Query".equals(body.path("type").asText(null))) throw ProblemException.badData("a query body has \"type\": \"Query\"");
        if (body.has("temporalQ")) throw ProblemException.badData("temporalQ belongs to the temporal query (clause 5.7.4), not to this one");
        Set<String> ids = null;
        Set<String> types = null;
        String idPattern = null;
        if (body.has("entities")) {
            JsonNode selectors = nonEmptyArray(body, "entities");
            types = new LinkedHashSet<>();
            for (JsonNode selector : selectors) {
                if (!selector.isObject() || !selector.path("type").isTextual()) throw ProblemException.badData("each entity selector needs a type (clause 5.2.33)");
                types.addAll(QueryParams.typeSet(selector.get("type").asText(), ctx));
                if (selector.hasNonNull("id")) {
                    if (ids == null) ids = new LinkedHashSet<>();
                    ids.addAll(selectorIds(selector.get("id")));
                } else if (selector.hasNonNull("idPattern")) {
                    idPattern = text(selector, "idPattern");
                }
            }
        }
        Set<String> attrs = body.has("attrs") ? strings(body, "attrs").stream().map(ctx::expand).collect(Collectors.toCollection(LinkedHashSet::new)) : null;
        QExpr q = body.has("q") ? QueryParser.parse(text(body, "q")).renameAttributes(ctx::expand) : null;
        GeoQuery geo = body.has("geoQ") ? geoQuery(body.get("geoQ"), ctx) : null;
        ScopeQuery scopeQ = body.has("scopeQ") ? ScopeQuery.parse(text(body, "scopeQ")) : null;
        EntityQuery query = new EntityQuery(ids, ids == null ? idPattern : null, types, q, geo, scopeQ, attrs,
                Requests.intParam(req, "limit", EntityQuery.DEFAULT_LIMIT), Requests.intParam(req, "offset", 0), "true".equals(Requests.param(req, "count")));
        if (types == null && attrs == null && q == null && geo == null && scopeQ == null) {
            throw ProblemException.badData("a query needs entities, attrs, q, geoQ or scopeQ");
        }
        MemberFilter members = MemberFilter.of(attrs, projection(body, "pick", ctx), projection(body, "omit", ctx));
        JoinParams join = JoinParams.of(body.has("join") ? text(body, "join") : null, body.has("joinLevel") ? positiveInt(body, "joinLevel") : 1);
        return new QueryBody(query, members, join);
    }

    private static GeoQuery geoQuery(JsonNode g, LdContext ctx) {
        if (!g.isObject()) throw ProblemException.badData("geoQ must be an object");
        if (!g.path("coordinates").isArray()) throw ProblemException.badData("geoQ.coordinates must be an array");
        return GeoQuery.parse(text(g, "georel"), text(g, "geometry"), g.get("coordinates").toString(),
                g.hasNonNull("geoproperty") ? ctx.expand(text(g, "geoproperty")) : null);
    }

    private static List<String> selectorIds(JsonNode id) {
        List<String> ids = id.isArray() ? StreamSupport.stream(id.spliterator(), false).map(QueryBody::idText).toList() : List.of(idText(id));
        ids.forEach(i -> EntityIds.requireUri(i, "id"));
        return ids;
    }

    private static String idText(JsonNode id) {
        if (!id.isTextual()) throw ProblemException.badData("a selector's id is a URI or an array of URIs");
        return id.asText();
    }

    private static Projection projection(JsonNode body, String member, LdContext ctx) {
        return body.has(member) ? Projection.parse(member, String.join(",", strings(body, member)), ctx) : null;
    }

    private static JsonNode nonEmptyArray(JsonNode body, String member) {
        JsonNode value = body.get(member);
        if (!value.isArray() || value.isEmpty()) throw ProblemException.badData(member + " must be a non-empty array (clause 5.2.23)");
        return value;
    }

    private static List<String> strings(JsonNode body, String member) {
        JsonNode array = nonEmptyArray(body, member);
        return StreamSupport.stream(array.spliterator(), false).map(v -> {
            if (!v.isTextual()) throw ProblemException.badData(member + " holds strings");
            return v.asText();
        }).toList();
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) return null;
        if (!value.isTextual()) throw ProblemException.badData(member + " must be a string");
        return value.asText();
    }

    private static int positiveInt(JsonNode body, String member) {
        JsonNode value = body.get(member);
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt() || value.asInt() < 1) throw ProblemException.badData(member + " must be a positive integer");
        return value.asInt();
    }
}
