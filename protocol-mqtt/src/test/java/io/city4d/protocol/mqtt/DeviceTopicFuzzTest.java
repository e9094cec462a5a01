package io.city4d.protocol.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;

/**
 * Device topics, from any text: a topic that names its device and channel, or InvalidRequest. An input is the topic,
 * then optionally a newline and the default tenant. Corpus: DeviceTopicFuzzTestInputs/topic.
 */
class DeviceTopicFuzzTest {

    @FuzzTest
    void topic(byte[] input) {
        String[] parts = new String(input, UTF_8).split("\n", 2);
        parsesOrRefuses(parts[0], parts.length > 1 ? parts[1] : "");
    }

    static void parsesOrRefuses(String topic, String defaultTenant) {
        try {
            DeviceTopic parsed = DeviceTopic.parse(topic, defaultTenant);
            assertThat(parsed.topic().endsWith(parsed.deviceId() + "/" + parsed.channel().name().toLowerCase())).as(topic).isTrue();
        } catch (ProblemException e) {
            assertThat(e.type()).as(topic).isEqualTo(ProblemType.INVALID_REQUEST);
        }
    }
}
