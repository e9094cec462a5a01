package io.city4d.api.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.city4d.api.common.RateLimits.Limit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The compare-and-set buckets admit exactly what a plain token bucket admits, and their table stays bounded. */
class TokenBucketsTest {
    private static final int[] RATES = {1, 2, 4, 5, 8, 10, 20, 25, 50, 100, 1000};

    @Test
    void admitsExactlyWhatAPlainTokenBucketAdmits() {
        qt().withExamples(300).forAll(integers().between(0, RATES.length - 1), integers().between(1, 20),
                lists().of(longs().between(0, 400_000_000)).ofSizeBetween(1, 200)).checkAssert(TokenBucketsTest::admitsWhatThePlainModelAdmits);
    }

    private static void admitsWhatThePlainModelAdmits(int rateIndex, int burst, List<Long> gaps) {
        int rate = RATES[rateIndex];
        AtomicLong clock = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
        TokenBuckets buckets = new TokenBuckets(10, clock::get);
        Limit limit = new Limit(rate, burst);
        long interval = 1_000_000_000L / rate;
        // The plain model: credit in nanoseconds, a full bucket holds burst tokens, a request takes one.
        long credit = burst * interval;
        long last = clock.get();
        for (long gap : gaps) {
            long now = clock.addAndGet(gap);
            credit = Math.min(burst * interval, credit + (now - last));
            last = now;
            boolean plain = credit >= interval;
            if (plain) credit -= interval;
            long wait = buckets.take("client", limit);
            assertThat(wait == 0).as("admitted at %d", now).isEqualTo(plain);
            if (!plain) assertThat(wait).as("the wait is the time until a token").isEqualTo(interval - credit);
        }
    }

    @Test
    void clientsHaveBucketsOfTheirOwn() {
        AtomicLong clock = new AtomicLong();
        TokenBuckets buckets = new TokenBuckets(10, clock::get);
        Limit limit = new Limit(1, 2);
        assertThat(buckets.take("a", limit)).isZero();
        assertThat(buckets.take("a", limit)).isZero();
        assertThat(buckets.take("a", limit)).isEqualTo(1_000_000_000L);
        assertThat(buckets.take("b", limit)).as("another client is not held back").isZero();
    }

    @Test
    void theTableIsBoundedAndNewcomersShareABucketWhenItIsFull() {
        AtomicLong clock = new AtomicLong();
        TokenBuckets buckets = new TokenBuckets(100, clock::get);
        Limit limit = new Limit(1, 1);
        for (int i = 0; i < 10_000; i++) {
            buckets.take("client-" + i, limit);
            assertThat(buckets.clients()).isLessThanOrEqualTo(100);
        }
        assertThat(buckets.take("newcomer", limit)).as("past the bound, newcomers share one bucket").isPositive();
        clock.addAndGet(5_000_000_000L);
        assertThat(buckets.take("newcomer", limit)).as("once full buckets are swept, a newcomer has its own").isZero();
        assertThat(buckets.clients()).isLessThanOrEqualTo(100);
    }
}
