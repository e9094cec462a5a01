package io.city4d.core.device;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Attribute;
import io.city4d.core.model.EntityJson;
import io.city4d.core.model.GeoProperty;
import io.city4d.core.model.Json;
import io.city4d.core.model.Property;
import io.city4d.core.model.Times;
import io.city4d.core.model.Vocabulary;
import io.city4d.core.problem.ProblemException;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps a device's JSON payload onto entity attributes through its profile. Bad payloads end in a BadRequestData problem. */
public final class PayloadMapper {
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private PayloadMapper() {}

    public static Map<String, Attribute> map(DeviceProfile profile, byte[] payload, Instant receivedAt) {
        if (payload.length == 0) throw ProblemException.badData("the payload is empty");
        if (payload.length > MAX_PAYLOAD_BYTES) throw ProblemException.badData("the payload is larger than " + MAX_PAYLOAD_BYTES + " bytes");
        JsonNode root;
        try {
            root = Json.TREE_READER.readTree(payload);
        } catch (IOException e) {
            throw ProblemException.badData("the payload is not valid JSON");
        }
        if (root == null || !root.isObject()) throw ProblemException.badData("the payload must be a JSON object");
        Instant observedAt = receivedAt;
        if (profile.timeKey() != null && root.has(profile.timeKey())) {
            JsonNode t = root.get(profile.timeKey());
            observedAt = t.isNumber() ? epoch(profile.timeKey(), t) : Times.parse(t.asText(), "payload " + profile.timeKey());
        }
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        Double lat = null;
        Double lon = null;
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals(profile.timeKey())) continue;
            if (key.equals(profile.latitudeKey())) {
                lat = number(key, value);
                continue;
            }
            if (key.equals(profile.longitudeKey())) {
                lon = number(key, value);
                continue;
            }
            if (value.isNull() || value.isContainerNode() && value.size() > 64) {
                throw ProblemException.badData("payload key " + key + " has an unusable value");
            }
            DeviceProfile.Mapping mapping = profile.mappings().get(key);
            if (mapping == null) {
                if (profile.strict()) throw ProblemException.badData("payload key " + key + " is not in profile " + profile.name());
                // these name the entity itself (id, type, createdAt...); as attributes they would read back in their place
                if (EntityJson.ENTITY_MEMBERS.contains(key)) {
                    throw ProblemException.badData("payload key " + key + " is a member of every NGSI-LD entity, not an attribute; map it in the profile");
                }
                mapping = new DeviceProfile.Mapping(Vocabulary.expandDefault(sanitize(key)), null);
            }
            attributes.put(mapping.attribute(), new Property(value, mapping.unitCode(), observedAt, null, Map.of(), null, null));
        }
        if ((lat == null) != (lon == null)) throw ProblemException.badData("the payload needs both latitude and longitude");
        if (lat != null) {
            if (lat < -90 || lat > 90 || lon < -180 || lon > 180) throw ProblemException.badData("latitude or longitude out of range");
            var point = Json.NODES.objectNode().put("type", "Point");
            point.putArray("coordinates").add(lon).add(lat);
            GeoProperty location = GeoProperty.of(point);
            attributes.put(Vocabulary.LOCATION, new GeoProperty(location.geoJson(), location.geometry(), observedAt, null, Map.of(), null, null));
        }
        if (attributes.isEmpty()) throw ProblemException.badData("the payload holds no readings");
        return attributes;
    }

    /**
     * A number of seconds or milliseconds since 1970, both common on devices: anything below year 2500 in seconds is
     * seconds. Like text times, it must fall in the years 0000 to 9999.
     */
    private static Instant epoch(String key, JsonNode t) {
        double v = t.doubleValue();
        double millis = Math.abs(v) < 16_725_225_600d ? v * 1000 : v;
        if (!(millis >= Times.MIN.toEpochMilli() && millis <= Times.MAX.toEpochMilli())) {
            throw ProblemException.badData("payload " + key + " " + t.asText() + " is not a time between the years 0000 and 9999, in seconds or milliseconds since 1970");
        }
        return Instant.ofEpochMilli(Math.round(millis));
    }

    private static double number(String key, JsonNode value) {
        if (!value.isNumber()) throw ProblemException.badData("payload key " + key + " must be a number");
        return value.doubleValue();
    }

    private static String sanitize(String key) {
        if (key.isEmpty() || key.length() > 128) throw ProblemException.badData("payload key has an invalid length");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                throw ProblemException.badData("payload key " + key.substring(0, Math.min(key.length(), 40)) + " has characters other than letters, digits, _ and -");
            }
        }
        return key;
    }
}
