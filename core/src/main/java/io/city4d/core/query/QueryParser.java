package io.city4d.core.query;

import io.city4d.core.model.Times;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.query.QExpr.AttrPath;
import io.city4d.core.query.QExpr.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A recursive-descent parser for the NGSI-LD query language: {@code ;} is and, {@code |} is or, parentheses group,
 * {@code !attr} asks for absence. Any malformed input ends in a {@link ProblemException}, never another exception.
 */
public final class QueryParser {
    public static final int MAX_LENGTH = 8192;
    private static final int MAX_DEPTH = 32;
    /**
     * Terms (comparisons, existence tests, patterns) in one q; a list of values is one term. Each term is checked through
     * the indexes, and several hundred of them kept a store busy for a second per query.
     */
    public static final int MAX_TERMS = 100;

    private final String text;
    private int pos;
    private int depth;
    private int terms;

    private QueryParser(String text) {
        this.text = text;
    }

    public static QExpr parse(String q) {
        if (q == null || q.isBlank()) throw bad("q is empty", q, 0);
        if (q.length() > MAX_LENGTH) throw new ProblemException(ProblemType.TOO_COMPLEX_QUERY, "q is longer than " + MAX_LENGTH + " characters");
        QueryParser parser = new QueryParser(q);
        QExpr expr = parser.orExpr();
        if (parser.pos != q.length()) throw bad("unexpected '" + q.charAt(parser.pos) + "'", q, parser.pos);
        return expr;
    }

    private QExpr orExpr() {
        List<QExpr> terms = new ArrayList<>();
        terms.add(andExpr());
        while (peek() == '|') {
            pos++;
            terms.add(andExpr());
        }
        return terms.size() == 1 ? terms.get(0) : new QExpr.Or(terms);
    }

    private QExpr andExpr() {
        List<QExpr> terms = new ArrayList<>();
        terms.add(primary());
        while (peek() == ';') {
            pos++;
            terms.add(primary());
        }
        return terms.size() == 1 ? terms.get(0) : new QExpr.And(terms);
    }

    private QExpr primary() {
        if (peek() == '(') {
            if (++depth > MAX_DEPTH) throw new ProblemException(ProblemType.TOO_COMPLEX_QUERY, "q nests deeper than " + MAX_DEPTH);
            pos++;
            QExpr inner = orExpr();
            expect(')');
            depth--;
            return inner;
        }
        return term();
    }

    private QExpr term() {
        if (++terms > MAX_TERMS) throw new ProblemException(ProblemType.TOO_COMPLEX_QUERY, "q has more than " + MAX_TERMS + " terms; a list of values (a==1,2,3) counts as one");
        boolean negated = false;
        if (peek() == '!') {
            negated = true;
            pos++;
        }
        AttrPath path = attrPath();
        if (negated) return new QExpr.Exists(path, true);
        if (atTermEnd()) return new QExpr.Exists(path, false);
        if (text.startsWith("~=", pos)) {
            pos += 2;
            return new QExpr.Match(path, regex(), false);
        }
        if (text.startsWith("!~=", pos)) {
            pos += 3;
            return new QExpr.Match(path, regex(), true);
        }
        Op op = operator();
        QValue value = value();
        if ((value instanceof QValue.ValueList || value instanceof QValue.Range) && op != Op.EQ && op != Op.NE) {
            throw bad("lists and ranges need == or !=", text, pos);
        }
        return new QExpr.Compare(path, op, value);
    }

    private AttrPath attrPath() {
        int start = pos;
        while (pos < text.length() && !isPathEnd(text.charAt(pos))) pos++;
        String name = text.substring(start, pos);
        if (name.isEmpty()) throw bad("attribute name expected", text, start);
        List<String> keys = List.of();
        if (peek() == '[') {
            pos++;
            int keyStart = pos;
            while (pos < text.length() && text.charAt(pos) != ']') pos++;
            String inner = text.substring(keyStart, pos);
            expect(']');
            keys = split(inner, keyStart);
        }
        if (name.contains("://")) return new AttrPath(checkName(name, start), List.of(), keys);
        List<String> parts = split(name, start);
        return new AttrPath(parts.get(0), parts.subList(1, parts.size()), keys);
    }

    private List<String> split(String dotted, int at) {
        List<String> parts = new ArrayList<>();
        for (String part : dotted.split("\\.", -1)) parts.add(checkName(part, at));
        return parts;
    }

    private String checkName(String name, int at) {
        if (name.isEmpty()) throw bad("empty name in attribute path", text, at);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == '"' || c == ',' || c == '\'' || c == ']') throw bad("invalid character in attribute name", text, at + i);
        }
        return name;
    }

    private static boolean isPathEnd(char c) {
        return c == '=' || c == '!' || c == '<' || c == '>' || c == '~' || c == ';' || c == '|' || c == '(' || c == ')' || c == '[';
    }

    private boolean atTermEnd() {
        char c = peek();
        return c == 0 || c == ';' || c == '|' || c == ')';
    }

    private Op operator() {
        for (Op op : new Op[] {Op.EQ, Op.NE, Op.GE, Op.LE, Op.GT, Op.LT}) {
            if (text.startsWith(op.symbol, pos)) {
                pos += op.symbol.length();
                return op;
            }
        }
        throw bad("operator expected (==, !=, >, >=, <, <=, ~=, !~=)", text, pos);
    }

    private String regex() {
        int start = pos;
        String pattern = peek() == '"' ? quoted() : token();
        if (pattern.isEmpty()) throw bad("pattern expected", text, start);
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw bad("invalid regular expression", text, start);
        }
        return pattern;
    }

    private QValue value() {
        List<QValue> items = new ArrayList<>();
        QValue first = atom();
        if (text.startsWith("..", pos)) {
            pos += 2;
            return new QValue.Range(first, atom());
        }
        items.add(first);
        while (peek() == ',') {
            pos++;
            items.add(atom());
        }
        return items.size() == 1 ? first : new QValue.ValueList(items);
    }

    private QValue atom() {
        int start = pos;
        if (peek() == '"') return new QValue.Str(quoted());
        String token = token();
        if (token.isEmpty()) throw bad("value expected", text, start);
        for (int i = 0; i < token.length(); i++) {
            if ("<>=!~()[]".indexOf(token.charAt(i)) >= 0) throw bad("unexpected '" + token.charAt(i) + "' in a value; quote text values", text, start + i);
        }
        if (token.equals("true") || token.equals("false")) return new QValue.Bool(Boolean.parseBoolean(token));
        if (looksNumeric(token)) {
            try {
                double d = Double.parseDouble(token);
                if (Double.isFinite(d)) return new QValue.Num(d);
            } catch (NumberFormatException ignored) {
                // not a number: fall through to the other kinds
            }
        }
        if (token.length() >= 20 && Character.isDigit(token.charAt(0)) && token.indexOf('T') == 10) {
            return new QValue.Time(Times.parse(token, "date-time in q"));
        }
        return new QValue.Str(token);
    }

    private static boolean looksNumeric(String token) {
        char c = token.charAt(0);
        if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '.')) return false;
        for (int i = 0; i < token.length(); i++) {
            char d = token.charAt(i);
            if (!(Character.isDigit(d) || d == '-' || d == '+' || d == '.' || d == 'e' || d == 'E')) return false;
        }
        return true;
    }

    /** An unquoted value: up to a separator, a comma or a range marker. */
    private String token() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ';' || c == '|' || c == ')' || c == ',' || c == '"' || text.startsWith("..", pos)) break;
            pos++;
        }
        return text.substring(start, pos);
    }

    private String quoted() {
        int start = pos;
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                sb.append(text.charAt(pos++));
            } else if (c == '"') {
                return sb.toString();
            } else {
                sb.append(c);
            }
        }
        throw bad("unterminated string", text, start);
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private void expect(char c) {
        if (peek() != c) throw bad("'" + c + "' expected", text, pos);
        pos++;
    }

    private static ProblemException bad(String why, String q, int at) {
        return ProblemException.badData("invalid q at position " + at + ": " + why);
    }
}
