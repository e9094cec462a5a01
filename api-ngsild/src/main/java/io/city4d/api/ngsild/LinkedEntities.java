package io.city4d.api.ngsild;

import io.city4d.core.model.Entity;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.util.function.Function;

/** Finds the entities that relationships link to, for a join, within a budget of reads per request. */
final class LinkedEntities {
    /** Each level of a join can multiply the reads; past this many one request is refused rather than served slowly. */
    static final int MAX_READS = 10_000;
    static final LinkedEntities NONE = new LinkedEntities(JoinParams.NONE, id -> null);

    private final JoinParams join;
    private final Function<String, Entity> find;
    private int reads;

    LinkedEntities(JoinParams join, Function<String, Entity> find) {
        this.join = join;
        this.find = find;
    }

    JoinParams join() {
        return join;
    }

    /** The entity with this id, or null when there is none. */
    Entity find(String id) {
        if (++reads > MAX_READS) throw new ProblemException(ProblemType.TOO_MANY_RESULTS, "a join may read at most " + MAX_READS + " linked entities");
        return find.apply(id);
    }
}
