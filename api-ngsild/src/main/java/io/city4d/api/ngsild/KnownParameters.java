package io.city4d.api.ngsild;

import io.city4d.api.common.Requests;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Set;

/**
 * A query parameter that NGSI-LD does not define is an error, not something to ignore (clause 6.3.20: 400
 * InvalidRequest): a misspelt {@code attrs} or {@code q} would otherwise widen the answer without a word.
 */
final class KnownParameters implements Filter {
    static final KnownParameters INSTANCE = new KnownParameters();
    static final Set<String> NAMES = Set.of("id", "idPattern", "type", "attrs", "q", "csf", "georel", "geometry", "coordinates",
            "geoproperty", "geometryProperty", "lang", "scopeQ", "options", "format", "limit", "offset", "count", "local", "via",
            "datasetId", "deleteAll", "details", "kind", "timerel", "timeAt", "endTimeAt", "timeproperty", "lastN", "aggrMethods",
            "aggrPeriodDuration", "pick", "omit", "join", "joinLevel", "containedBy", "entityMap", "idsOnly", "expandValues",
            "observedAt", "jsonKeys", "reload", "keep", "drop", "entityMapLifetime");

    /** Parameters that select: ignored, they would widen the answer, so they are refused until City4D takes them. */
    static final Set<String> UNSUPPORTED_FILTERS = Set.of("expandValues", "timeproperty");

    private KnownParameters() {}

    /** For an operation that takes fewer parameters than the API knows: any other is 400 InvalidRequest. */
    static void requireOnly(io.helidon.webserver.http.ServerRequest req, Set<String> allowed) {
        for (String name : req.query().names()) {
            if (!allowed.contains(name)) throw ProblemException.invalid("this operation takes no " + name + " parameter");
        }
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (req.path().path().startsWith(NgsiLdApi.PREFIX + "/")) {
            for (String name : req.query().names()) {
                if (!NAMES.contains(name)) throw ProblemException.invalid("unknown query parameter: " + name);
                if (UNSUPPORTED_FILTERS.contains(name) && !("timeproperty".equals(name) && "observedAt".equals(Requests.param(req, name)))) {
                    throw new ProblemException(ProblemType.OPERATION_NOT_SUPPORTED, name + " is not supported yet");
                }
            }
        }
        chain.proceed();
    }
}
