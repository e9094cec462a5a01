package io.city4d.store.jdbc;

/**
 * The literal text every id matching an idPattern must start with, so that SQL can narrow the ids to a range of
 * the (tenant, id) index before Java checks the pattern itself.
 */
final class IdPatternPrefix {
    private static final String META = "\\^$.|?*+()[]{}";

    private IdPatternPrefix() {}

    /** The prefix; empty when the pattern does not start with literal text or has alternatives. */
    static String of(String pattern) {
        if (pattern.indexOf('|') >= 0) return "";
        int start = pattern.startsWith("^") ? 1 : 0;
        int end = start;
        while (end < pattern.length() && META.indexOf(pattern.charAt(end)) < 0) end++;
        // a quantifier makes the last literal character optional or repeatable
        if (end < pattern.length() && "?*{".indexOf(pattern.charAt(end)) >= 0 && end > start) end--;
        return pattern.substring(start, end);
    }

    /**
     * The condition {@code prefix <= e.id < upper}, where upper is the prefix with its last character raised; TRUE
     * when there is no usable prefix.
     */
    static SqlFragment condition(String pattern) {
        String prefix = of(pattern);
        if (prefix.isEmpty()) return SqlFragment.TRUE;
        char last = prefix.charAt(prefix.length() - 1);
        if (last >= '\uD7FF') return SqlFragment.TRUE;
        String upper = prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
        return SqlFragment.of("e.id >= ? AND e.id < ?", prefix, upper);
    }
}
