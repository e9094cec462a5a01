package io.city4d.protocol.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class DeviceTopicTest {

    @Example
    void shortFormTakesTheDefaultTenant() {
        assertThat(DeviceTopic.parse("devices/aq-1/attrs", "hanoi"))
                .isEqualTo(new DeviceTopic("hanoi", "aq-1", DeviceTopic.Channel.ATTRS));
    }

    @Example
    void tenantFormNamesItsTenant() {
        assertThat(DeviceTopic.parse("t/hue/devices/aq-1/errors", "hanoi"))
                .isEqualTo(new DeviceTopic("hue", "aq-1", DeviceTopic.Channel.ERRORS));
    }

    @Example
    void refusesWhatIsNotADeviceTopic() {
        for (String topic : new String[] {"", "devices", "devices/aq-1", "devices//attrs", "devices/aq-1/attrs/", "devices/+/attrs",
                "devices/#", "t//devices/aq-1/attrs", "x/hue/devices/aq-1/attrs", "devices/aq-1/state", "/devices/aq-1/attrs",
                "t/h+/devices/aq-1/attrs", "devices/a\u0000b/attrs"}) {
            assertThatThrownBy(() -> DeviceTopic.parse(topic, ""))
                    .as(topic)
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST));
        }
    }

    @Property(tries = 3000)
    void anyStringParsesOrFailsWithAnInvalidRequest(@ForAll @StringLength(max = 80) String topic, @ForAll("tenants") String tenant) {
        try {
            DeviceTopic parsed = DeviceTopic.parse(topic, tenant);
            assertThat(parsed.topic().endsWith(parsed.deviceId() + "/" + parsed.channel().name().toLowerCase())).isTrue();
        } catch (ProblemException e) {
            assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST);
        }
    }

    @Property(tries = 3000)
    void schemeLikeStringsParseOrFailWithAnInvalidRequest(@ForAll("schemeLike") String topic) {
        try {
            DeviceTopic.parse(topic, "");
        } catch (ProblemException e) {
            assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST);
        }
    }

    @Property(tries = 2000)
    void validTopicsRoundTrip(@ForAll("tenants") String tenant, @ForAll("segments") String deviceId, @ForAll DeviceTopic.Channel channel,
                              @ForAll("tenants") String defaultTenant) {
        DeviceTopic topic = new DeviceTopic(tenant, deviceId, channel);
        DeviceTopic reparsed = DeviceTopic.parse(topic.topic(), tenant.isEmpty() ? "" : defaultTenant);
        assertThat(reparsed).isEqualTo(topic);
        assertThat(DeviceTopic.parse("devices/" + deviceId + "/" + channel.name().toLowerCase(), defaultTenant).tenant()).isEqualTo(defaultTenant);
    }

    @Provide
    Arbitrary<String> segments() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(DeviceTopic.MAX_SEGMENT_LENGTH)
                .filter(s -> s.indexOf('/') < 0 && s.indexOf('+') < 0 && s.indexOf('#') < 0 && s.chars().noneMatch(Character::isISOControl));
    }

    @Provide
    Arbitrary<String> tenants() {
        return Arbitraries.oneOf(Arbitraries.just(""), segments());
    }

    /** Strings built from the scheme's own pieces, which reach the parser's deeper branches more often than random text. */
    @Provide
    Arbitrary<String> schemeLike() {
        Arbitrary<String> piece = Arbitraries.of("devices", "t", "attrs", "errors", "commands", "", "+", "#", "a", "\u0000", "x/y", "é");
        return piece.list().ofMaxSize(7).map(pieces -> String.join("/", pieces));
    }
}
