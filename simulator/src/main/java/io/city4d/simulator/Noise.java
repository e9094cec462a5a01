package io.city4d.simulator;

/**
 * Deterministic pseudo-random numbers addressed by (seed, channel, index) instead of drawn in sequence, so any
 * reading can be computed for any instant without replaying the ones before it.
 */
final class Noise {
    private Noise() {}

    /** A uniform number in [0, 1). */
    static double unit(long seed, String channel, long index) {
        long h = mix(seed ^ mix(fnv(channel)) ^ mix(index * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L));
        return (h >>> 11) * 0x1.0p-53;
    }

    /** A uniform number in [-1, 1). */
    static double signed(long seed, String channel, long index) {
        return 2 * unit(seed, channel, index) - 1;
    }

    /** Value noise in [-1, 1] that drifts smoothly with {@code position}: one new random value per unit. */
    static double smooth(long seed, String channel, double position) {
        long i = (long) Math.floor(position);
        double f = position - i;
        double s = f * f * (3 - 2 * f);
        return signed(seed, channel, i) * (1 - s) + signed(seed, channel, i + 1) * s;
    }

    // SplitMix64's finaliser
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) h = (h ^ s.charAt(i)) * 0x100000001b3L;
        return h;
    }
}
