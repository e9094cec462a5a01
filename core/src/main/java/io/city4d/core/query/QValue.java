package io.city4d.core.query;

import java.time.Instant;
import java.util.List;

/** A literal on the right-hand side of a q comparison. */
public sealed interface QValue {
    record Num(double value) implements QValue {}

    record Str(String value) implements QValue {}

    record Bool(boolean value) implements QValue {}

    record Time(Instant value) implements QValue {}

    /** {@code a,b,c}: equal to any of them. */
    record ValueList(List<QValue> values) implements QValue {
        public ValueList { values = List.copyOf(values); }
    }

    /** {@code low..high}, both ends included. */
    record Range(QValue low, QValue high) implements QValue {}
}
