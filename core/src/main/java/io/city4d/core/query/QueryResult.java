package io.city4d.core.query;

import io.city4d.core.model.Entity;
import java.util.List;

/** One page of entities, and the total count when it was asked for (else -1). */
public record QueryResult(List<Entity> entities, long totalCount) {}
