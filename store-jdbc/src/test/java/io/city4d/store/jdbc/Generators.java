package io.city4d.store.jdbc;

import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The few generator shapes the storage property suites need beyond QuickTheories' own. */
final class Generators {
    private Generators() {}

    /** Null {@code percentNull} times in a hundred, otherwise a value of {@code values}. */
    static <T> Gen<T> orNull(Gen<T> values, int percentNull) {
        return Generate.frequency(Pair.of(percentNull, Generate.constant((T) null)), Pair.of(100 - percentNull, values));
    }

    /** Subsets of the elements, each element in or out with even odds. */
    static <T> Gen<Set<T>> subsets(List<T> elements) {
        Gen<Boolean> in = Generate.booleans();
        return prng -> {
            Set<T> subset = new LinkedHashSet<>();
            for (T element : elements) if (in.generate(prng)) subset.add(element);
            return subset;
        };
    }

    /**
     * Subsets of at least one element: one drawn, and each other one in or out with even odds. (QuickTheories gives up
     * on a generator whose assumption fails at the boundaries it tries first, such as the empty set.)
     */
    static <T> Gen<Set<T>> nonEmptySubsets(List<T> elements) {
        Gen<T> first = Generate.pick(elements);
        Gen<Set<T>> others = subsets(elements);
        return prng -> {
            Set<T> subset = new LinkedHashSet<>(List.of(first.generate(prng)));
            subset.addAll(others.generate(prng));
            return subset;
        };
    }

    /** Lists without repeated elements, in the order first drawn, of {@code minSize} to {@code maxSize} draws. */
    static <T> Gen<List<T>> distinct(Gen<T> values, int minSize, int maxSize) {
        return lists().of(values).ofSizeBetween(minSize, maxSize).map(drawn -> new ArrayList<>(new LinkedHashSet<>(drawn)));
    }
}
