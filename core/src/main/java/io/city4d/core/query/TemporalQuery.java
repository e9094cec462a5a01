package io.city4d.core.query;

import io.city4d.core.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A question about history: which entities (as an entity query), which attributes, which time window, and either
 * the last N instances or aggregates per period.
 */
public record TemporalQuery(EntityQuery entities, Set<String> attrs, Instant from, Instant to, Integer lastN,
                            Aggregation aggregation) {

    public static final int MAX_INSTANCES = 10_000;

    public TemporalQuery {
        if (from != null && to != null && !from.isBefore(to)) throw ProblemException.badData("timeAt must be before endTimeAt");
        if (lastN != null && (lastN < 1 || lastN > MAX_INSTANCES)) throw ProblemException.badData("lastN must be between 1 and " + MAX_INSTANCES);
    }

    /** Reads NGSI-LD's timerel, timeAt and endTimeAt into a half-open window [from, to). */
    public static Instant[] window(String timerel, Instant timeAt, Instant endTimeAt) {
        if (timerel == null) {
            if (timeAt != null || endTimeAt != null) throw ProblemException.badData("timeAt needs timerel");
            return new Instant[] {null, null};
        }
        if (timeAt == null) throw ProblemException.badData("timerel needs timeAt");
        return switch (timerel) {
            case "before" -> new Instant[] {null, timeAt};
            case "after" -> new Instant[] {timeAt, null};
            case "between" -> {
                if (endTimeAt == null) throw ProblemException.badData("timerel=between needs endTimeAt");
                yield new Instant[] {timeAt, endTimeAt};
            }
            default -> throw ProblemException.badData("timerel must be before, after or between");
        };
    }

    /**
     * Aggregates per period ({@code aggrMethods}, {@code aggrPeriodDuration}); a null period means one bucket for all,
     * and so does a zero one (GS CIM 009 4.5.19.1: PT0S spans the whole time range of the query).
     */
    public record Aggregation(List<Method> methods, Duration period) {
        public Aggregation {
            if (methods.isEmpty()) throw ProblemException.badData("aggrMethods is empty");
            if (period != null && period.isNegative()) throw ProblemException.badData("aggrPeriodDuration must not be negative");
            if (period != null && period.isZero()) period = null;
        }
    }

    public enum Method {
        TOTAL_COUNT("totalCount"), DISTINCT_COUNT("distinctCount"), SUM("sum"), AVG("avg"), MIN("min"), MAX("max"),
        STDDEV("stddev"), SUMSQ("sumsq");

        public final String ngsiName;

        Method(String ngsiName) { this.ngsiName = ngsiName; }

        public static Method of(String name) {
            for (Method m : values()) if (m.ngsiName.equals(name)) return m;
            throw ProblemException.badData("unknown aggregation method: " + name);
        }
    }
}
