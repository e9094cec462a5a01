package io.city4d.core.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import io.city4d.core.problem.ProblemException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Builds the JSON trees that City4D reads, refusing the values that JSON's grammar allows but no store can hold: a
 * string with an unpaired UTF-16 surrogate (an escape such as {@code "\ud800"}, which is not a Unicode character and
 * which the databases' UTF-8 turns into '?') and a number beyond the range of a double ({@code 1e999}, which would be
 * stored as Infinity). Jackson itself already refuses such surrogates in member names and in raw UTF-8.
 */
final class StrictNodes extends JsonNodeFactory {
    StrictNodes() {
        super(false);
    }

    @Override
    public TextNode textNode(String text) {
        int at = unpairedSurrogate(text);
        if (at >= 0) {
            throw ProblemException.badData("a string holds an unpaired UTF-16 surrogate (\\u" + Integer.toHexString(text.charAt(at))
                    + " at character " + at + "), which is not a Unicode character");
        }
        return super.textNode(text);
    }

    @Override
    public NumericNode numberNode(double value) {
        return super.numberNode(finite(value, value));
    }

    @Override
    public NumericNode numberNode(float value) {
        return super.numberNode((float) finite(value, value));
    }

    @Override
    public ValueNode numberNode(BigInteger value) {
        if (value != null) finite(value.doubleValue(), value);
        return super.numberNode(value);
    }

    @Override
    public ValueNode numberNode(BigDecimal value) {
        if (value != null) finite(value.doubleValue(), value);
        return super.numberNode(value);
    }

    /** The index of the first surrogate in the text that is not half of a pair, or -1. */
    static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) continue;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) i++;
            else return i;
        }
        return -1;
    }

    private static double finite(double value, Object written) {
        if (!Double.isFinite(value)) {
            String text = written.toString();
            throw ProblemException.badData("the number " + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
                    + " is beyond the range of a double (about 1.8e308)");
        }
        return value;
    }
}
