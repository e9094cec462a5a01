package io.city4d.api.ngsild;

import io.city4d.core.model.Entity;
import io.city4d.core.port.EntityStore;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.query.EntityQuery;
import java.util.ArrayList;
import java.util.List;

/** The ids of all the entities an indexed query selects, up to a bound, for operations over a whole selection (purge, entity maps). */
final class SelectedIds {
    private SelectedIds() {}

    /**
     * The ids in id order, read page by page before anything is changed, so that changes do not shift the pages.
     * More than {@code max} is 403 TooManyResults, told before any is read.
     */
    static List<String> of(EntityStore store, String tenant, EntityQuery query, int max, String operation) {
        long count = store.query(tenant, new EntityQuery(query.ids(), query.idPattern(), query.types(), query.q(), query.geo(), query.attrs(),
                0, 0, true)).totalCount();
        if (count > max) {
            throw new ProblemException(ProblemType.TOO_MANY_RESULTS, operation + " selects " + count + " entities, more than the " + max
                    + " it takes; narrow the query");
        }
        List<String> ids = new ArrayList<>();
        for (int offset = 0; ids.size() < max; offset += EntityQuery.MAX_LIMIT) {
            List<Entity> page = store.query(tenant, query.page(EntityQuery.MAX_LIMIT, offset)).entities();
            page.forEach(e -> ids.add(e.id()));
            if (page.size() < EntityQuery.MAX_LIMIT) break;
        }
        return ids.size() > max ? ids.subList(0, max) : ids;
    }
}
