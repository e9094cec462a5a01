package io.city4d.api.ngsild;

import io.city4d.core.model.Entity;
import io.city4d.core.port.EntityStore;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.QueryResult;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * NGSI-LD pagination (clauses 4.12 and 5.5.9): a page of a query result points at the previous and the next page
 * with {@code Link} headers ({@code rel="prev"}, {@code rel="next"}, RFC 8288), each the request's own relative URL
 * with every parameter kept but {@code offset} (and {@code entityMap}). The first page has no prev, the last no next, and {@code limit=0}
 * (asking only for the count) neither.
 */
final class Pagination {
    static final HeaderName RESULTS_COUNT = HeaderNames.create("NGSILD-Results-Count");

    private Pagination() {}

    /** One page of a query's results; totalCount is -1 unless the query asked for it. */
    record Page<T>(List<T> items, long totalCount, boolean more) {}

    /**
     * Runs an entity query and learns whether more entities follow the page: from the total count when it was asked
     * for, else by asking the store for one entity more than the page, which costs one row.
     */
    static Page<Entity> query(EntityStore store, String tenant, EntityQuery query) {
        if (query.count() || query.limit() == 0 || query.limit() == EntityQuery.MAX_LIMIT) {
            QueryResult result = store.query(tenant, query);
            if (!query.count()) return of(store, tenant, query, result.entities());
            return new Page<>(result.entities(), result.totalCount(), query.offset() + result.entities().size() < result.totalCount());
        }
        List<Entity> found = store.query(tenant, query.page(query.limit() + 1, query.offset())).entities();
        boolean more = found.size() > query.limit();
        return new Page<>(more ? found.subList(0, query.limit()) : found, -1, more);
    }

    /**
     * A page of items for the entities a query selects, read without looking ahead (such as their histories, which
     * are costly to read one too many): the count when asked, else whether an entity follows the page.
     */
    static <T> Page<T> of(EntityStore store, String tenant, EntityQuery query, List<T> items) {
        int next = query.offset() + items.size();
        if (query.count()) {
            long total = store.query(tenant, query.page(0, 0)).totalCount();
            return new Page<>(items, total, next < total);
        }
        boolean more = query.limit() > 0 && items.size() == query.limit()
                && !store.query(tenant, new EntityQuery(query.ids(), query.idPattern(), query.types(), query.q(), query.geo(), query.scopeQ(), query.attrs(),
                        1, next, false)).entities().isEmpty();
        return new Page<>(items, -1, more);
    }

    /** The count header (when the query asked for it) and the prev and next links of a page of this query. */
    static void headers(ServerRequest req, ServerResponse res, EntityQuery query, Page<?> page, String mediaType) {
        if (query.count()) res.header(RESULTS_COUNT, Long.toString(page.totalCount()));
        links(req, res, query.limit(), query.offset(), page.more(), mediaType);
    }

    /** Adds the prev and next links of the page at offset (limit per page) to the response. */
    static void links(ServerRequest req, ServerResponse res, int limit, int offset, boolean more, String mediaType) {
        if (limit <= 0) return;
        if (offset > 0) res.headers().add(HeaderNames.LINK, link(req, limit, Math.max(0, offset - limit), "prev", mediaType));
        if (more) res.headers().add(HeaderNames.LINK, link(req, limit, offset + limit, "next", mediaType));
    }

    private static String link(ServerRequest req, int limit, int offset, String rel, String mediaType) {
        StringBuilder url = new StringBuilder("<").append(req.path().absolute().rawPath()).append('?');
        String query = req.query().rawValue();
        if (query != null && !query.isEmpty()) {
            for (String parameter : query.split("&")) {
                if (parameter.isEmpty()) continue;
                String name = name(parameter);
                // a page's neighbours are read over the map the first page made (NGSILD-EntityMap), not with another map
                if (!name.equals("limit") && !name.equals("offset") && !name.equals("entityMap")) url.append(parameter).append('&');
            }
        }
        url.append("limit=").append(limit).append("&offset=").append(offset);
        return url.append(">; rel=\"").append(rel).append("\"; type=\"").append(mediaType).append('"').toString();
    }

    private static String name(String parameter) {
        String raw = parameter.split("=", 2)[0];
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
