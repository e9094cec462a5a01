package io.city4d.api.ngsild;

import java.util.function.Supplier;

/**
 * A value made on first use, once. HTTP clients set up TLS when built, which costs start-up time that a server not
 * yet notifying or fetching contexts need not pay.
 */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> make;
    private volatile T value;

    Lazy(Supplier<T> make) {
        this.make = make;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) value = v = make.get();
            }
        }
        return v;
    }
}
