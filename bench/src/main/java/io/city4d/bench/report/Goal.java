package io.city4d.bench.report;

/** A target from DESIGN.md: a bound on a figure, either a floor (at least) or a ceiling (at most). */
public record Goal(String text, double bound, boolean atLeast) {

    public static Goal atLeast(double bound, String text) {
        return new Goal(text, bound, true);
    }

    public static Goal atMost(double bound, String text) {
        return new Goal(text, bound, false);
    }

    public boolean metBy(double value) {
        return atLeast ? value >= bound : value <= bound;
    }

    /** How far a value is from the bound, as a factor ("3.2x below"), when it misses. */
    public String shortfall(double value) {
        if (metBy(value)) return "";
        double factor = atLeast ? bound / value : value / bound;
        return String.format(java.util.Locale.ROOT, "%.1fx %s", factor, atLeast ? "below" : "above");
    }
}
