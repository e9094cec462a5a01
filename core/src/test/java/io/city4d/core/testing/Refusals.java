package io.city4d.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.core.problem.ProblemException;
import java.util.function.Consumer;

/** What fuzz targets and property tests ask of a parser: it returns, or it refuses as the client's fault. */
public final class Refusals {
    private Refusals() {}

    /** Runs the parse; the only failure allowed is a {@link ProblemException} of a 4xx type with a detail. */
    public static void returnsOrRefuses(Runnable parse) {
        returnsOrRefuses(parse, refusal -> {});
    }

    /** As {@link #returnsOrRefuses(Runnable)}, and the refusal must also pass {@code check}. */
    public static void returnsOrRefuses(Runnable parse, Consumer<ProblemException> check) {
        try {
            parse.run();
        } catch (ProblemException refusal) {
            assertThat(refusal.type().status()).as("status of %s", refusal.type()).isBetween(400, 499);
            assertThat(refusal.detail()).isNotBlank();
            check.accept(refusal);
        }
    }
}
