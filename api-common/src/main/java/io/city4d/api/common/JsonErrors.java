package io.city4d.api.common;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.regex.Pattern;

/**
 * Says why a body is not JSON in a client's terms: what is wrong and where, without the parser's class, feature or
 * setting names that its messages carry (such as {@code com.fasterxml.jackson.databind.JsonNode}).
 */
final class JsonErrors {
    /** Jackson's advice on which of its settings would allow the input: of no use to a client. */
    private static final Pattern PARSER_ADVICE = Pattern.compile("(: maybe a \\(non-standard\\) comment\\?.*|[:;] enable `.*| \\(bound as `.*|, from `[^`]*`)");

    private JsonErrors() {}

    static String describe(JacksonException e) {
        String what;
        if (e instanceof JsonEOFException) {
            what = "it ends before the value is complete";
        } else if (e instanceof MismatchedInputException && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            what = "there is more after the first JSON value";
        } else {
            what = PARSER_ADVICE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("");
            if (what.isBlank() || what.contains("`") || what.contains("Feature")) what = "it is not well-formed";
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? what : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
