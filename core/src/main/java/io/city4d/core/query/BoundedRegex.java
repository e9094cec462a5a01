package io.city4d.core.query;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression taken from a request (idPattern, {@code ~=} in q), evaluated with a budget of steps. Java's
 * engine backtracks, so a pattern such as {@code (a+)+$} can take exponential time on a short text; here it fails
 * with 403 TooComplexQuery once it has read the text more often than any reasonable pattern would.
 */
public final class BoundedRegex {
    private static final long BASE_STEPS = 100_000;
    private static final long STEPS_PER_CHAR = 2_000;

    private final Pattern pattern;

    private BoundedRegex(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Compiles a pattern; one that is not a valid regular expression is 400 BadRequestData. */
    public static BoundedRegex compile(String regex, String what) {
        try {
            return new BoundedRegex(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw ProblemException.badData(what + " is not a valid regular expression");
        }
    }

    /** True when the whole text matches. */
    public boolean matches(String text) {
        return pattern.matcher(new Budgeted(text)).matches();
    }

    /** True when some part of the text matches. */
    public boolean find(String text) {
        return pattern.matcher(new Budgeted(text)).find();
    }

    public String pattern() {
        return pattern.pattern();
    }

    /** The text, counting every character the engine reads. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private final long budget;
        private long steps;

        Budgeted(String text) {
            this.text = text;
            this.budget = BASE_STEPS + STEPS_PER_CHAR * text.length();
        }

        @Override
        public char charAt(int index) {
            if (++steps > budget) {
                throw new ProblemException(ProblemType.TOO_COMPLEX_QUERY, "a regular expression of the query takes too long to evaluate");
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
