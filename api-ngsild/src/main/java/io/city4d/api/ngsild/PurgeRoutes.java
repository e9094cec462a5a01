package io.city4d.api.ngsild;

import io.city4d.api.common.Authentication;
import io.city4d.api.common.Requests;
import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.pipeline.Command;
import io.city4d.core.pipeline.Command.UpdateMode;
import io.city4d.core.pipeline.Outcome;
import io.city4d.core.pipeline.Pipeline;
import io.city4d.core.port.EntityStore;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.QueryParser;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * DELETE /entities, Purge Entities (clause 5.6.21 of v1.9.1): deletes the entities a query selects, or only some of
 * their attributes ({@code drop}) or all but some ({@code keep}). Each entity is deleted or changed by a command of its
 * own through the pipeline, so that the purge is durable and notified as other writes are; a purge is not atomic.
 */
final class PurgeRoutes implements HttpService {
    /** The most entities one purge touches, as a batch delete: a purge that selects more is refused before it starts. */
    static final int MAX_PURGED = BatchRoutes.MAX_BATCH;
    /** Entities read and written per round. */
    private static final int ROUND = EntityQuery.MAX_LIMIT;
    private static final Set<String> PARAMETERS = Set.of("id", "idPattern", "type", "attrs", "q", "georel", "geometry", "coordinates",
            "geoproperty", "local", "keep", "drop");

    private final Pipeline pipeline;
    private final EntityStore store;
    private final LdExchange ld;
    private final Tenants tenants;

    PurgeRoutes(Pipeline pipeline, EntityStore store, LdExchange ld, Tenants tenants) {
        this.pipeline = pipeline;
        this.store = store;
        this.ld = ld;
        this.tenants = tenants;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.delete("/", this::purge);
    }

    private void purge(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        KnownParameters.requireOnly(req, PARAMETERS);
        String tenant = tenants.existing(req);
        LdContext ctx = ld.linkContext(req);
        EntityQuery query = selection(req, ctx);
        Set<String> keep = QueryParams.set(Requests.listParam(req, "keep"), ctx);
        Set<String> drop = QueryParams.set(Requests.listParam(req, "drop"), ctx);
        if (keep != null && drop != null) throw ProblemException.badData("keep and drop exclude each other (clause 5.6.21)");
        List<String> ids = SelectedIds.of(store, tenant, query, MAX_PURGED, "the purge");
        Predicate<String> purged = keep != null ? name -> !keep.contains(name) : drop != null ? drop::contains : null;
        for (int from = 0; from < ids.size(); from += ROUND) {
            List<String> round = ids.subList(from, Math.min(ids.size(), from + ROUND));
            if (purged == null) apply(tenant, round.stream().map(id -> (Command) new Command.Delete(id)).toList());
            else apply(tenant, attributeDeletions(tenant, query, round, purged));
        }
        res.status(204).send();
    }

    /**
     * The query of a purge, which must select by more than ids (clause 5.6.21.4): by type, by attrs or q naming an
     * attribute that is not a system attribute, by a geo-query, or local=true; never through linked entities.
     */
    private static EntityQuery selection(ServerRequest req, LdContext ctx) {
        String q = Requests.param(req, "q");
        List<String> attrs = Requests.listParam(req, "attrs");
        if ((q != null && q.contains("{")) || (attrs != null && attrs.stream().anyMatch(a -> a.contains("{")))) {
            throw ProblemException.badData("a purge selects no entities through linked entities (clause 5.6.21.4)");
        }
        EntityQuery query = QueryParams.entityQuery(req, ctx, false).page(ROUND, 0);
        boolean byAttrs = attrs != null && attrs.stream().anyMatch(a -> !QueryParams.SYSTEM_ATTRIBUTES.contains(a));
        boolean byQ = q != null && QueryParser.parse(q).attributes().stream().anyMatch(a -> !QueryParams.SYSTEM_ATTRIBUTES.contains(a));
        boolean local = "true".equals(Requests.param(req, "local"));
        if (!(query.types() != null || byAttrs || byQ || query.geo() != null || local)) {
            throw ProblemException.badData("a purge needs type, attrs or q naming an attribute other than createdAt, modifiedAt or deletedAt,"
                    + " a geo-query, or local=true (clause 5.6.21.4)");
        }
        return query;
    }

    /** For each entity of the round that the query still selects, one update deleting every instance of the purged attributes. */
    private List<Command> attributeDeletions(String tenant, EntityQuery query, List<String> round, Predicate<String> purged) {
        Set<String> roundIds = new HashSet<>(round);
        EntityQuery current = new EntityQuery(roundIds, query.idPattern(), query.types(), query.q(), query.geo(), query.attrs(), ROUND, 0, false);
        List<Command> commands = new ArrayList<>();
        for (Entity entity : store.query(tenant, current).entities()) {
            List<Command.Instance> nulled = new ArrayList<>();
            for (Map.Entry<String, List<Attribute>> attribute : entity.attributes().entrySet()) {
                if (!purged.test(attribute.getKey())) continue;
                attribute.getValue().forEach(instance -> nulled.add(new Command.Instance(attribute.getKey(), instance.datasetId())));
            }
            if (!nulled.isEmpty()) commands.add(new Command.UpdateAttributes(entity.id(), Map.of(), UpdateMode.APPEND, nulled, List.of()));
        }
        return commands;
    }

    /** Submits the commands together and waits for all; an entity deleted meanwhile is purged already. */
    private void apply(String tenant, List<Command> commands) {
        List<CompletableFuture<Outcome>> futures = commands.stream().map(c -> pipeline.submit(tenant, c)).toList();
        for (CompletableFuture<Outcome> future : futures) {
            try {
                Requests.await(future);
            } catch (ProblemException e) {
                if (e.type() != ProblemType.RESOURCE_NOT_FOUND) throw e;
            }
        }
    }
}
