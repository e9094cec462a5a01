package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.api.common.Authentication;
import io.city4d.api.common.Requests;
import io.city4d.core.model.EntityIds;
import io.city4d.core.model.Times;
import io.city4d.core.port.EntityStore;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.query.EntityQuery;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/** /entityMaps (clauses 5.14.1 to 5.14.4 of v1.9.1): create an entity map for a query, retrieve, update and delete it. */
final class EntityMapRoutes implements HttpService {
    static final HeaderName ENTITY_MAP = HeaderNames.create("NGSILD-EntityMap");
    /** The most entities one map holds, as a batch. */
    static final int MAX_ENTITIES = BatchRoutes.MAX_BATCH;

    private final EntityMaps maps;
    private final EntityStore store;
    private final LdExchange ld;
    private final Tenants tenants;

    EntityMapRoutes(EntityMaps maps, EntityStore store, LdExchange ld, Tenants tenants) {
        this.maps = maps;
        this.store = store;
        this.ld = ld;
        this.tenants = tenants;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::create)
                .get("/{id}", this::retrieve)
                .patch("/{id}", this::update)
                .delete("/{id}", this::delete);
    }

    /** Create Entity Map (clause 5.14.4): the ids the query selects, under {@code @none}; 201 with the map and where it is. */
    private void create(ServerRequest req, ServerResponse res) {
        Authentication.requireRead(req);
        String tenant = tenants.existing(req);
        EntityQuery query = QueryParams.entityQuery(req, ld.linkContext(req), true);
        Duration lifetime = lifetime(Requests.param(req, "entityMapLifetime"));
        List<String> ids = SelectedIds.of(store, tenant, query, MAX_ENTITIES, "the entity map");
        JsonNode map = maps.create(tenant, ids, lifetime);
        res.status(201).header(ENTITY_MAP, EntityMaps.location(map.get("id").asText())).header("Content-Type", LdExchange.JSON).send(map.toString());
    }

    private void retrieve(ServerRequest req, ServerResponse res) {
        Authentication.requireRead(req);
        String tenant = tenants.existing(req);
        JsonNode map = maps.find(tenant, id(req)).orElseThrow(() -> notFound(req));
        res.status(200).header("Content-Type", LdExchange.JSON).send(map.toString());
    }

    /** Update Entity Map (clause 5.14.2): only expiresAt can be changed; the map itself is the broker's. */
    private void update(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = tenants.existing(req);
        String id = id(req);
        Requests.requireContentType(req, LdExchange.PATCH_TYPES);
        JsonNode body = EntityRoutes.requireObject(Requests.json(req));
        JsonNode expiresAt = body.get("expiresAt");
        if (expiresAt == null) {
            if (maps.find(tenant, id).isEmpty()) throw notFound(req);
        } else {
            if (!expiresAt.isTextual()) throw ProblemException.badData("expiresAt must be a date-time string");
            if (!maps.expire(tenant, id, Times.parse(expiresAt.asText(), "expiresAt"))) throw notFound(req);
        }
        res.status(204).send();
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Authentication.requireWrite(req);
        String tenant = tenants.existing(req);
        if (!maps.delete(tenant, id(req))) throw notFound(req);
        res.status(204).send();
    }

    /** entityMapLifetime, an ISO 8601 duration (Table 6.4.3.2-1); the broker bounds it. */
    static Duration lifetime(String text) {
        if (text == null) return EntityMaps.DEFAULT_LIFETIME;
        try {
            Duration lifetime = Duration.parse(text);
            if (lifetime.isNegative() || lifetime.isZero()) throw ProblemException.badData("entityMapLifetime must be positive: " + text);
            return lifetime;
        } catch (DateTimeParseException e) {
            throw ProblemException.badData("entityMapLifetime is an ISO 8601 duration, such as PT1H: " + text);
        }
    }

    private static String id(ServerRequest req) {
        return EntityIds.requireUri(req.path().pathParameters().get("id"), "entity map id");
    }

    private static ProblemException notFound(ServerRequest req) {
        return ProblemException.notFound("entity map not found: " + req.path().pathParameters().get("id"));
    }
}
