package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.api.common.Requests;
import io.city4d.core.port.EntityStore;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.query.EntityQuery;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Queries over an entity map (clause 5.5.14 of v1.9.1): {@code entityMap=true} makes a map of what a query selects,
 * and a request naming a live map in {@code NGSILD-EntityMap} selects among its entities only, so that the pages of
 * a query stay those of one selection. A map that is gone or expired is replaced by a new one, not an error; an
 * entity of a map that no longer exists is taken out of the map.
 */
final class EntityMapQueries {
    private final EntityMaps maps;
    private final EntityStore store;

    EntityMapQueries(EntityMaps maps, EntityStore store) {
        this.maps = maps;
        this.store = store;
    }

    /** The query as a request's map makes it, and where the map is (null when the request uses none). */
    record Scope(EntityQuery query, String location, boolean created) {
        /** The status of a read that answers 200: 201 when it created a map. */
        int status() { return created ? 201 : 200; }

        void header(ServerResponse res) {
            if (location != null) res.header(EntityMapRoutes.ENTITY_MAP, location);
        }
    }

    /** Query Entities with a map: among the live map's entities, or a new map of all the query selects. */
    Scope query(ServerRequest req, String tenant, EntityQuery query) {
        Optional<ObjectNode> map = referenced(req, tenant);
        if (map.isPresent()) {
            String id = map.get().get("id").asText();
            Set<String> ids = existing(tenant, id, map.get());
            if (query.ids() != null) ids.retainAll(query.ids());
            EntityQuery scoped = new EntityQuery(ids, query.idPattern(), query.types(), query.q(), query.geo(), query.attrs(), query.limit(),
                    query.offset(), query.count());
            return new Scope(scoped, EntityMaps.location(id), false);
        }
        if (!asked(req)) return new Scope(query, null, false);
        List<String> ids = SelectedIds.of(store, tenant, query, EntityMapRoutes.MAX_ENTITIES, "the entity map");
        return new Scope(query, created(tenant, ids), true);
    }

    /** Retrieve Entity with a map (clause 5.7.1.4): the live map named is kept, else a new one holds the entity. */
    void retrieve(ServerRequest req, ServerResponse res, String tenant, String entityId) {
        Optional<ObjectNode> map = referenced(req, tenant);
        if (map.isPresent()) res.header(EntityMapRoutes.ENTITY_MAP, EntityMaps.location(map.get().get("id").asText()));
        else if (asked(req) || req.headers().contains(EntityMapRoutes.ENTITY_MAP)) res.header(EntityMapRoutes.ENTITY_MAP, created(tenant, List.of(entityId)));
    }

    private String created(String tenant, List<String> ids) {
        return EntityMaps.location(maps.create(tenant, ids, EntityMapRoutes.lifetime(null)).get("id").asText());
    }

    private static boolean asked(ServerRequest req) {
        String flag = Requests.param(req, "entityMap");
        if (flag == null || flag.equals("false")) return false;
        if (flag.equals("true")) return true;
        throw ProblemException.badData("entityMap must be true or false: " + flag);
    }

    /** The live map the NGSILD-EntityMap header names, by its location or id. */
    private Optional<ObjectNode> referenced(ServerRequest req, String tenant) {
        Optional<String> header = req.headers().first(EntityMapRoutes.ENTITY_MAP);
        if (header.isEmpty()) return Optional.empty();
        String id = header.get().substring(header.get().lastIndexOf('/') + 1);
        return maps.find(tenant, id);
    }

    /**
     * The map's entity ids that still exist: counted with the id index, and only when some are gone, found and taken
     * out of the map.
     */
    private Set<String> existing(String tenant, String mapId, ObjectNode map) {
        Set<String> ids = new LinkedHashSet<>();
        map.get("entityMap").fieldNames().forEachRemaining(ids::add);
        if (ids.isEmpty()) return ids;
        long count = store.query(tenant, new EntityQuery(ids, null, null, null, null, null, 0, 0, true)).totalCount();
        if (count == ids.size()) return ids;
        Set<String> found = store.findAll(tenant, new ArrayList<>(ids)).keySet();
        List<String> gone = ids.stream().filter(id -> !found.contains(id)).toList();
        maps.prune(tenant, mapId, gone);
        ids.removeAll(gone);
        return ids;
    }
}
