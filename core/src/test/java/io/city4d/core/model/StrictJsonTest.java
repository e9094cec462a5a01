package io.city4d.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * JSON read by City4D holds nothing a store cannot keep: the databases' UTF-8 turns an unpaired surrogate into '?'
 * (so that two ids collide), and a number past the double range would be stored as Infinity.
 */
class StrictJsonTest {

    private static JsonNode read(String json) throws Exception {
        return Json.TREE_READER.readTree(json);
    }

    private static void assertRefused(String json, String detail) {
        assertThatThrownBy(() -> read(json)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.type()).isEqualTo(ProblemType.BAD_REQUEST_DATA);
            assertThat(e.detail()).contains(detail);
        });
    }

    @Test
    void unpairedSurrogatesInStringsAreRefused() throws Exception {
        assertRefused("{\"id\": \"urn:a:\\ud800\"}", "unpaired UTF-16 surrogate (\\ud800 at character 6)");
        assertRefused("{\"v\": \"\\udc00x\"}", "\\udc00 at character 0");
        assertRefused("[\"ok\", \"a\\ud83d\"]", "unpaired");
        assertRefused("{\"v\": \"\\ud83d\\ud83d\\ude00\"}", "at character 0");
        assertThat(read("{\"v\": \"\\ud83d\\ude00 and \\u00e9\"}").get("v").asText()).isEqualTo("😀 and é");
    }

    @Test
    void numbersPastTheDoubleRangeAreRefused() throws Exception {
        assertRefused("{\"v\": 1e999}", "the number Infinity is beyond the range of a double");
        assertRefused("{\"v\": -1e999}", "beyond the range");
        assertRefused("[" + "9".repeat(400) + "]", "beyond the range");
        assertThat(read("[1e308, -1.7976931348623157e308, 99999999999999999999, 1e-400]").toString())
                .isEqualTo("[1.0E308,-1.7976931348623157E308,99999999999999999999,0.0]");
    }

    /** Random strings of letters and surrogates: accepted exactly when every surrogate is half of a pair, and then kept as they were. */
    @Test
    void aStringIsAcceptedExactlyWhenItIsUnicode() throws Exception {
        long seed = Long.getLong("city4d.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int run = 0; run < 2_000; run++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                text.append(switch (random.nextInt(4)) {
                    case 0 -> (char) (0xD800 + random.nextInt(0x400));
                    case 1 -> (char) (0xDC00 + random.nextInt(0x400));
                    case 2 -> "\uD83D\uDE00";
                    default -> (char) ('a' + random.nextInt(26));
                });
            }
            String value = text.toString();
            boolean unicode = value.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF);
            String json = "[\"" + escaped(value) + "\"]";
            if (unicode) {
                assertThat(read(json).get(0).asText()).as("seed %d: %s", seed, json).isEqualTo(value);
            } else {
                assertThatThrownBy(() -> read(json)).as("seed %d: %s", seed, json).isInstanceOf(ProblemException.class);
            }
        }
    }

    private static String escaped(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) out.append(String.format("\\u%04x", (int) c));
        return out.toString();
    }

    @Test
    void idsAndNamesAreAtMostOneKilobyteOfUtf8() {
        assertThat(EntityIds.isUri("urn:" + "a".repeat(1_020))).isTrue();
        assertThat(EntityIds.isUri("urn:" + "a".repeat(1_021))).isFalse();
        assertThat(EntityIds.isUri("urn:" + "é".repeat(510))).isTrue();
        assertThat(EntityIds.isUri("urn:" + "é".repeat(511))).isFalse();
        assertThat(EntityIds.isUri("urn:a:\ud800")).isFalse();
        assertThat(EntityIds.utf8Length("a\u00e9\u4e2d\ud83d\ude00")).isEqualTo(1 + 2 + 3 + 4);
        assertThatThrownBy(() -> EntityJson.readAttributes(Json.TREE_READER.readTree("{\"" + "城".repeat(342) + "\": 1}")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.detail()).contains("1 to 1024 bytes of UTF-8"));
    }
}
