package io.city4d.api.ngsild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.city4d.core.testing.Refusals;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * pick and omit: every projection written with ',' or '|' reads as the tree it was written from, and any text
 * either reads or is refused as BadRequestData.
 */
class ProjectionPropertyTest {
    private static final List<String> NAMES = List.of("id", "type", "scope", "ex:name", "ex:locatedAt", "urn:x:height", "ex:a-b_c.d");

    @Test
    void aWrittenProjectionReadsAsItsTree() {
        qt().withExamples(2000).forAll(integers().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            List<String> canonical = new ArrayList<>();
            String written = tree(random, 0, canonical);
            Projection read = Projection.parse("pick", written, ProjectionFuzzTest.CONTEXT);
            assertThat(read.toString()).as(written).isEqualTo(String.join("", canonical).replace("ex:", "https://example.org/"));
        });
    }

    @Test
    void mangledProjectionsReadOrAreRefused() {
        qt().withExamples(2000).forAll(integers().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            StringBuilder text = new StringBuilder(tree(random, 0, new ArrayList<>()));
            for (int i = random.nextInt(3); i >= 0; i--) text.insert(random.nextInt(text.length() + 1), ",|{};  x".charAt(random.nextInt(8)));
            new ProjectionFuzzTest().projection(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Refusals.returnsOrRefuses(() -> Projection.parse("omit", text.toString(), ProjectionFuzzTest.CONTEXT));
        });
    }

    /** A projection of distinct names, some with braces, written with random separators; its canonical form in {@code canonical}. */
    private static String tree(Random random, int depth, List<String> canonical) {
        List<String> names = new ArrayList<>(NAMES);
        java.util.Collections.shuffle(names, random);
        int count = 1 + random.nextInt(3);
        StringBuilder written = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                written.append(random.nextBoolean() ? ',' : '|');
                canonical.add(",");
            }
            written.append(names.get(i));
            canonical.add(names.get(i));
            if (depth < 3 && random.nextInt(3) == 0) {
                written.append('{');
                canonical.add("{");
                written.append(tree(random, depth + 1, canonical));
                written.append('}');
                canonical.add("}");
            }
        }
        return written.toString();
    }
}
