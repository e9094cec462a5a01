package io.city4d.protocol.mqtt;

import io.city4d.core.problem.ProblemException;

/**
 * A device topic of City4D's MQTT scheme: {@code devices/{deviceId}/{channel}} in the credential's tenant, or
 * {@code t/{tenant}/devices/{deviceId}/{channel}} naming the tenant. Devices publish readings to the {@code attrs}
 * channel and may subscribe to their {@code errors} and {@code commands} channels. See docs/mqtt.md.
 */
public record DeviceTopic(String tenant, String deviceId, Channel channel) {
    static final int MAX_SEGMENT_LENGTH = 256;
    private static final String DEVICES = "devices";
    private static final String TENANT = "t";

    public enum Channel {
        ATTRS, ERRORS, COMMANDS;

        final String segment = name().toLowerCase(java.util.Locale.ROOT);

        static Channel of(String segment) {
            for (Channel c : values()) if (c.segment.equals(segment)) return c;
            return null;
        }
    }

    public DeviceTopic {
        if (!tenant.isEmpty()) requireSegment(tenant, "tenant");
        requireSegment(deviceId, "device id");
        if (channel == null) throw ProblemException.invalid("a device topic needs a channel");
    }

    /**
     * Parses a topic name; {@code defaultTenant} is the tenant of the short form. Anything that is not a device
     * topic (wildcards included) ends in an INVALID_REQUEST problem.
     */
    public static DeviceTopic parse(String topic, String defaultTenant) {
        if (topic == null || topic.isEmpty() || topic.length() > 4 * MAX_SEGMENT_LENGTH) throw notADeviceTopic(topic);
        String[] s = topic.split("/", 6);
        if (s.length == 3 && s[0].equals(DEVICES)) return of(defaultTenant, s[1], s[2], topic);
        if (s.length == 5 && s[0].equals(TENANT) && s[2].equals(DEVICES) && !s[1].isEmpty()) return of(s[1], s[3], s[4], topic);
        throw notADeviceTopic(topic);
    }

    /** The topic name: the short form for the default tenant "", the tenant form otherwise. */
    public String topic() {
        String shortForm = DEVICES + '/' + deviceId + '/' + channel.segment;
        return tenant.isEmpty() ? shortForm : TENANT + '/' + tenant + '/' + shortForm;
    }

    public DeviceTopic withChannel(Channel other) {
        return new DeviceTopic(tenant, deviceId, other);
    }

    private static DeviceTopic of(String tenant, String deviceId, String channelSegment, String topic) {
        Channel channel = Channel.of(channelSegment);
        if (channel == null) throw notADeviceTopic(topic);
        return new DeviceTopic(tenant, deviceId, channel);
    }

    private static void requireSegment(String segment, String what) {
        if (segment.isEmpty() || segment.length() > MAX_SEGMENT_LENGTH) throw ProblemException.invalid("the " + what + " of a topic must have 1 to " + MAX_SEGMENT_LENGTH + " characters");
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '/' || c == '+' || c == '#' || Character.isISOControl(c)) {
                throw ProblemException.invalid("the " + what + " of a topic may not hold '/', '+', '#' or control characters");
            }
        }
    }

    private static ProblemException notADeviceTopic(String topic) {
        String shown = topic == null ? "null" : topic.length() > 80 ? topic.substring(0, 80) + "..." : topic;
        return ProblemException.invalid("not a device topic (devices/{id}/attrs or t/{tenant}/devices/{id}/attrs): " + shown.replaceAll("\\p{Cntrl}", "?"));
    }
}
