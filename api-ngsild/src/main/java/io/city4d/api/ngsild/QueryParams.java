package io.city4d.api.ngsild;

import io.city4d.api.common.Requests;
import io.city4d.core.model.EntityIds;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.GeoQuery;
import io.city4d.core.query.QExpr;
import io.city4d.core.query.QueryParser;
import io.city4d.core.query.ScopeQuery;
import io.helidon.webserver.http.ServerRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads the NGSI-LD query parameters of a request into an entity query, expanding names with the context. */
final class QueryParams {
    private QueryParams() {}

    static EntityQuery entityQuery(ServerRequest req, LdContext ctx, boolean requireRestriction) {
        Set<String> ids = set(Requests.listParam(req, "id"), null);
        if (ids != null) ids.forEach(id -> EntityIds.requireUri(id, "id"));
        Boolean local = local(req);
        boolean anyType = "*".equals(Requests.param(req, "type"));
        if (anyType && Boolean.FALSE.equals(local)) throw ProblemException.badData("type=* selects every type of this broker: it cannot come with local=false");
        Set<String> types = anyType ? null : typeSet(Requests.param(req, "type"), ctx);
        String q = Requests.param(req, "q");
        QExpr expr = q == null ? null : QueryParser.parse(q).renameAttributes(ctx::expand);
        String georel = Requests.param(req, "georel");
        GeoQuery geo = georel == null && Requests.param(req, "geometry") == null ? null
                : GeoQuery.parse(georel, Requests.param(req, "geometry"), Requests.param(req, "coordinates"),
                        Requests.param(req, "geoproperty") == null ? null : ctx.expand(Requests.param(req, "geoproperty")));
        List<String> attrNames = Requests.listParam(req, "attrs");
        if (attrNames != null) attrNames.stream().filter(a -> a.equals("id") || a.equals("type")).findFirst().ifPresent(member -> {
            throw ProblemException.badData("attrs names attributes; " + member + " is an entity member, always shown (use pick to choose members)");
        });
        Set<String> attrs = set(attrNames, ctx);
        int limit = Requests.intParam(req, "limit", EntityQuery.DEFAULT_LIMIT);
        int offset = Requests.intParam(req, "offset", 0);
        boolean count = "true".equals(Requests.param(req, "count"));
        String scopeQ = Requests.param(req, "scopeQ");
        ScopeQuery scopes = scopeQ == null ? null : ScopeQuery.parse(scopeQ);
        EntityQuery query = new EntityQuery(ids, Requests.param(req, "idPattern"), types, expr, geo, scopes, attrs, limit, offset, count);
        // system attributes (createdAt, modifiedAt, deletedAt) select nothing by themselves (clause 5.7.2.4)
        boolean attrsSelect = attrNames != null && attrNames.stream().anyMatch(a -> !SYSTEM_ATTRIBUTES.contains(a));
        boolean selective = types != null || anyType || attrsSelect || expr != null || geo != null || scopes != null || Boolean.TRUE.equals(local);
        if (requireRestriction && !selective) {
            throw ProblemException.badData("a query needs at least one of type, attrs, q or a geo-query, or local=true (clause 5.7.2.4)");
        }
        return query;
    }

    static final Set<String> SYSTEM_ATTRIBUTES = Set.of("createdAt", "modifiedAt", "deletedAt");

    /**
     * The local flag: without registrations every query of City4D is local, so local=true only says that a query may
     * select without type, attrs, q or geo-query (it pages over all entities, in id order).
     */
    private static Boolean local(ServerRequest req) {
        String local = Requests.param(req, "local");
        if (local == null) return null;
        return switch (local) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badData("local must be true or false: " + local);
        };
    }

    /** NGSI-LD 1.8 type expressions: a list with ',' or '|' means any of them. */
    static Set<String> typeSet(String type, LdContext ctx) {
        if (type == null) return null;
        Set<String> out = new LinkedHashSet<>();
        for (String t : type.split("[,|]")) {
            String trimmed = t.trim().replace("(", "").replace(")", "");
            if (trimmed.contains(";")) throw new ProblemException(ProblemType.OPERATION_NOT_SUPPORTED, "type expressions with ';' (and) are not supported");
            if (!trimmed.isEmpty()) out.add(ctx.expand(trimmed));
        }
        if (out.isEmpty()) throw ProblemException.badData("type is empty");
        return out;
    }

    static Set<String> set(List<String> values, LdContext ctx) {
        if (values == null) return null;
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) out.add(ctx == null ? v : ctx.expand(v));
        return out;
    }

    /** geometryProperty, which only a GeoJSON answer has (clause 6.3.15). */
    static String geometryProperty(ServerRequest req, String mediaType) {
        String geometryProperty = Requests.param(req, "geometryProperty");
        if (geometryProperty != null && !LdExchange.GEO_JSON.equals(mediaType)) throw ProblemException.badData("geometryProperty needs Accept: application/geo+json");
        return geometryProperty;
    }

    /** The members that attrs, pick and omit let a response show. */
    static MemberFilter members(ServerRequest req, Set<String> attrs, LdContext ctx) {
        return MemberFilter.of(attrs, Projection.parse("pick", Requests.param(req, "pick"), ctx), Projection.parse("omit", Requests.param(req, "omit"), ctx));
    }

    /** The options of NGSI-LD (clause 6.3.7 and the temporal ones); any other is 400 InvalidRequest. */
    static final Set<String> OPTIONS = Set.of("keyValues", "simplified", "concise", "normalized", "sysAttrs", "noOverwrite", "update",
            "replace", "temporalValues", "aggregatedValues");

    static Set<String> options(ServerRequest req) {
        Set<String> out = set(Requests.listParam(req, "options"), null);
        if (out == null) return Set.of();
        out.stream().filter(o -> !OPTIONS.contains(o)).findFirst().ifPresent(o -> {
            throw ProblemException.invalid("unknown option: " + o);
        });
        return out;
    }
}
