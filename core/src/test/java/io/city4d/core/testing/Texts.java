package io.city4d.core.testing;

import static org.quicktheories.generators.SourceDSL.lists;

import java.util.stream.Collectors;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generators of text for property tests: any characters, or characters from an alphabet. */
public final class Texts {
    private Texts() {}

    /** Strings of up to {@code maxLength} of any UTF-16 code units, lone surrogates and controls included. */
    public static Gen<String> any(int maxLength) {
        return of(Generate.characters(Character.MIN_VALUE, Character.MAX_VALUE), 0, maxLength);
    }

    /** Strings of up to {@code maxLength} characters taken from {@code alphabet}. */
    public static Gen<String> from(String alphabet, int maxLength) {
        return of(Generate.pick(alphabet.chars().mapToObj(c -> (char) c).toList()), 0, maxLength);
    }

    public static Gen<String> of(Gen<Character> characters, int minLength, int maxLength) {
        return lists().of(characters).ofSizeBetween(minLength, maxLength)
                .map(chars -> chars.stream().map(String::valueOf).collect(Collectors.joining()));
    }
}
