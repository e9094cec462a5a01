package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.EntityJson;
import io.city4d.core.model.Json;
import io.city4d.core.problem.ProblemException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code lang} query parameter (clause 4.15): each LanguageProperty of the rendered entities becomes a Property
 * whose value is the string of the best language asked for, with that language in {@code lang}; in keyValues, the
 * string alone. Language ranges are ordered by their q-value (1 when not given) and looked up as RFC 4647 says: the
 * range, then the range cut at its hyphens, then a longer tag that it begins; {@code *} takes any. When none matches,
 * any language the property has is served.
 */
final class LanguageChoice {
    private static final Pattern RANGE = Pattern.compile("\\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");

    private record Range(String tag, double q) {}

    private final List<Range> ranges;

    private LanguageChoice(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** The choice the parameter asks for, or null when it is absent; 400 when it is not a language-range list. */
    static LanguageChoice of(String lang) {
        if (lang == null) return null;
        List<Range> ranges = new ArrayList<>();
        for (String part : lang.split(",", -1)) {
            String[] pieces = part.trim().split(";", -1);
            String tag = pieces[0].trim();
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String parameter = pieces[i].trim();
                if (!parameter.startsWith("q=")) throw ProblemException.badData("lang: unknown parameter " + parameter);
                q = quality(parameter.substring(2));
            }
            if (!RANGE.matcher(tag).matches()) throw ProblemException.badData("lang: not a language range: " + tag);
            ranges.add(new Range(tag.toLowerCase(Locale.ROOT), q));
        }
        ranges.sort(Comparator.comparingDouble(Range::q).reversed());
        return new LanguageChoice(List.copyOf(ranges));
    }

    private static double quality(String text) {
        try {
            double q = Double.parseDouble(text);
            if (q >= 0 && q <= 1) return q;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.badData("lang: a q-value is a number from 0 to 1, not " + text);
    }

    /** A rendered body (an entity, an array of them, a GeoJSON Feature or FeatureCollection) with languages chosen. */
    static <T extends JsonNode> T apply(LanguageChoice choice, T body) {
        if (choice == null) return body;
        if (body.isArray()) body.forEach(element -> apply(choice, element));
        else if (body.isObject()) {
            ObjectNode object = (ObjectNode) body;
            String type = object.path("type").asText("");
            if (type.equals("FeatureCollection")) apply(choice, object.path("features"));
            else if (type.equals("Feature") && object.get("properties") instanceof ObjectNode properties) choice.entity(properties);
            else choice.entity(object);
        }
        return body;
    }

    private void entity(ObjectNode entity) {
        for (Iterator<Map.Entry<String, JsonNode>> it = entity.properties().iterator(); it.hasNext(); ) {
            var field = it.next();
            if (!EntityJson.ENTITY_MEMBERS.contains(field.getKey())) field.setValue(attribute(field.getValue()));
        }
    }

    private JsonNode attribute(JsonNode attribute) {
        if (attribute.isArray()) {
            ArrayNode out = Json.NODES.arrayNode();
            attribute.forEach(instance -> out.add(attribute(instance)));
            return out;
        }
        if (!(attribute instanceof ObjectNode object) || !(object.get("languageMap") instanceof ObjectNode map)) {
            if (attribute instanceof ObjectNode object && object.size() == 1 && object.get("dataset") instanceof ObjectNode dataset) {
                dataset.properties().forEach(instance -> instance.setValue(attribute(instance.getValue())));
            }
            return attribute;
        }
        String tag = chosen(map);
        if (tag == null) return attribute;
        if (object.size() == 1) return map.get(tag); // keyValues: the string alone
        ObjectNode out = Json.NODES.objectNode();
        object.properties().forEach(member -> {
            switch (member.getKey()) {
                case "type" -> out.put("type", "Property");
                case "languageMap" -> {
                    out.set("value", map.get(tag));
                    out.put("lang", tag);
                }
                default -> out.set(member.getKey(), member.getValue());
            }
        });
        return out;
    }

    /** The key of the language map to serve, or null when the map is empty. */
    private String chosen(ObjectNode map) {
        List<String> tags = new ArrayList<>();
        map.fieldNames().forEachRemaining(tags::add);
        if (tags.isEmpty()) return null;
        for (Range range : ranges) {
            if (range.q() <= 0) continue;
            if (range.tag().equals("*")) return tags.get(0);
            for (String prefix = range.tag(); !prefix.isEmpty(); prefix = cut(prefix)) {
                for (String tag : tags) if (tag.equalsIgnoreCase(prefix)) return tag;
            }
            for (String tag : tags) if (tag.toLowerCase(Locale.ROOT).startsWith(range.tag() + "-")) return tag;
        }
        return tags.contains("@none") ? "@none" : tags.get(0);
    }

    private static String cut(String tag) {
        int hyphen = tag.lastIndexOf('-');
        return hyphen < 0 ? "" : tag.substring(0, hyphen);
    }
}
