package io.city4d.protocol.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class DeviceTopicTest {

    @Test
    void shortFormTakesTheDefaultTenant() {
        assertThat(DeviceTopic.parse("devices/aq-1/attrs", "hanoi"))
                .isEqualTo(new DeviceTopic("hanoi", "aq-1", DeviceTopic.Channel.ATTRS));
    }

    @Test
    void tenantFormNamesItsTenant() {
        assertThat(DeviceTopic.parse("t/hue/devices/aq-1/errors", "hanoi"))
                .isEqualTo(new DeviceTopic("hue", "aq-1", DeviceTopic.Channel.ERRORS));
    }

    @Test
    void refusesWhatIsNotADeviceTopic() {
        for (String topic : new String[] {"", "devices", "devices/aq-1", "devices//attrs", "devices/aq-1/attrs/", "devices/+/attrs",
                "devices/#", "t//devices/aq-1/attrs", "x/hue/devices/aq-1/attrs", "devices/aq-1/state", "/devices/aq-1/attrs",
                "t/h+/devices/aq-1/attrs", "devices/a\u0000b/attrs"}) {
            assertThatThrownBy(() -> DeviceTopic.parse(topic, ""))
                    .as(topic)
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST));
        }
    }

    @Test
    void anyStringParsesOrFailsWithAnInvalidRequest() {
        qt().withExamples(3000).forAll(strings(Generate.characters(Character.MIN_VALUE, Character.MAX_VALUE), 0, 80), tenants())
                .checkAssert(DeviceTopicFuzzTest::parsesOrRefuses);
    }

    @Test
    void schemeLikeStringsParseOrFailWithAnInvalidRequest() {
        qt().withExamples(3000).forAll(schemeLike()).checkAssert(topic -> DeviceTopicFuzzTest.parsesOrRefuses(topic, ""));
    }

    @Test
    void validTopicsRoundTrip() {
        qt().withExamples(2000).forAll(tenants(), segments(), Generate.enumValues(DeviceTopic.Channel.class), tenants())
                .checkAssert((tenant, deviceId, channel, defaultTenant) -> {
                    DeviceTopic topic = new DeviceTopic(tenant, deviceId, channel);
                    DeviceTopic reparsed = DeviceTopic.parse(topic.topic(), tenant.isEmpty() ? "" : defaultTenant);
                    assertThat(reparsed).isEqualTo(topic);
                    assertThat(DeviceTopic.parse("devices/" + deviceId + "/" + channel.name().toLowerCase(), defaultTenant).tenant())
                            .isEqualTo(defaultTenant);
                });
    }

    private static Gen<String> strings(Gen<Character> characters, int minLength, int maxLength) {
        return lists().of(characters).ofSizeBetween(minLength, maxLength).map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    /** Non-empty segments of any characters but the separator, the wildcards and controls (which become '_'). */
    private static Gen<String> segments() {
        Gen<Character> allowed = Generate.characters(Character.MIN_VALUE, Character.MAX_VALUE)
                .map(c -> c == '/' || c == '+' || c == '#' || Character.isISOControl(c) ? '_' : c);
        return strings(allowed, 1, DeviceTopic.MAX_SEGMENT_LENGTH);
    }

    private static Gen<String> tenants() {
        return Generate.oneOf(Generate.constant(""), segments());
    }

    /** Strings built from the scheme's own pieces, which reach the parser's deeper branches more often than random text. */
    private static Gen<String> schemeLike() {
        Gen<String> piece = Generate.pick(List.of("devices", "t", "attrs", "errors", "commands", "", "+", "#", "a", "\u0000", "x/y", "é"));
        return lists().of(piece).ofSizeBetween(0, 7).map(pieces -> String.join("/", pieces));
    }
}
