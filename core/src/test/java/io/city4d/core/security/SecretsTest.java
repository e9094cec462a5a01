package io.city4d.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void hashesWithSha256() {
        // FIPS 180-2 test vector
        assertThat(Secrets.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Secrets.fingerprint("abc")).isEqualTo("ba7816bf");
    }

    @Test
    void hashesTheSameFromManyThreadsAtOnce() throws Exception {
        String token = Secrets.newToken();
        String expected = Secrets.hash(token);
        try (var executor = Executors.newFixedThreadPool(8)) {
            List<Future<String>> hashes = IntStream.range(0, 2_000).mapToObj(i -> executor.submit(() -> Secrets.hash(token))).toList();
            for (Future<String> hash : hashes) assertThat(hash.get()).isEqualTo(expected);
        }
    }

    @Test
    void tokensAre256RandomBits() {
        String token = Secrets.newToken();
        assertThat(token).startsWith("c4d_").hasSize(4 + 43);
        assertThat(Secrets.newToken()).isNotEqualTo(token);
    }
}
