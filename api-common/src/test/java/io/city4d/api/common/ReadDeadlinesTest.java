package io.city4d.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which stages of a request have a deadline: reading its headers and its body, never what its handler does. */
class ReadDeadlinesTest {
    private final ReadDeadlines deadlines = ReadDeadlines.instance();
    private final Thread self = Thread.currentThread();

    @AfterEach
    void answered() {
        deadlines.status(null, Status.OK_200);
        assertThat(deadlines.hasDeadline(self)).as("an answer ends every deadline").isFalse();
    }

    private static WritableHeaders<?> headers(String name, String value) {
        return WritableHeaders.create().add(HeaderValues.create(HeaderNames.create(name), value));
    }

    @Test
    void aBodyHasADeadlineUntilItIsRead() {
        deadlines.prologue(null, null);
        assertThat(deadlines.hasDeadline(self)).as("headers must come").isTrue();
        deadlines.headers(null, headers("Content-Length", "5"));
        assertThat(deadlines.hasDeadline(self)).as("the body must come").isTrue();
        ReadDeadlines.bodyProgress(5);
        ReadDeadlines.bodyReceived();
        assertThat(deadlines.hasDeadline(self)).as("the handler has no deadline").isFalse();
        deadlines.headers(null, headers("Transfer-Encoding", "chunked"));
        assertThat(deadlines.hasDeadline(self)).isTrue();
    }

    @Test
    void aRequestWithoutABodyHasNoDeadlineOnceItsHeadersHaveCome() {
        for (WritableHeaders<?> none : new WritableHeaders<?>[] {WritableHeaders.create(), headers("Content-Length", "0"), headers("Content-Length", "x")}) {
            deadlines.prologue(null, null);
            deadlines.headers(null, none);
            // a handler that reads no body would otherwise be interrupted, say while it waits for a slow write
            assertThat(deadlines.hasDeadline(self)).as(none.toString()).isFalse();
        }
    }
}
