package io.fxhome.fuzz.testing;

import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Runs a property on generated inputs: {@code -Dfuzz.tries=} tries (else the test's default), each from its own seed
 * derived from {@code -Dfuzz.seed=} (else a random one). A failure names the try's seed and its input (truncated):
 * {@code -Dfuzz.seed=<seed> -Dfuzz.tries=1} replays it. No shrinking.
 */
public final class Fuzz {
    private static final int SHOWN = 2_000;

    private Fuzz() {
    }

    /** A property of one input; any exception or assertion error fails it. */
    @FunctionalInterface
    public interface Property<T> {
        void check(T input) throws Exception;
    }

    public static <T> void forAll(int defaultTries, Gen<T> gen, Property<? super T> property) {
        int tries = Integer.getInteger("fuzz.tries", defaultTries);
        String given = System.getProperty("fuzz.seed", "");
        long base = given.isBlank() ? new SplittableRandom().nextLong() : Long.parseLong(given.trim());
        for (int i = 0; i < tries; i++) {
            // The first try's seed is the base seed, so that a failing try's seed replays it with fuzz.tries=1.
            long seed = base + i * 0x9E3779B97F4A7C15L;
            T input = null;
            try {
                input = gen.next(new SplittableRandom(seed));
                property.check(input);
            } catch (Exception | AssertionError e) {
                throw new AssertionError("fuzz try " + (i + 1) + "/" + tries + " failed; replay with -Dfuzz.seed=" + seed
                        + " -Dfuzz.tries=1; input: " + shown(input) + "\n" + e, e);
            }
        }
    }

    private static String shown(Object input) {
        String text = input instanceof byte[] bytes ? "bytes " + HexFormat.of().formatHex(bytes) : String.valueOf(input);
        return text.length() <= SHOWN ? text
                : text.substring(0, SHOWN) + "… (" + (text.length() - SHOWN) + " more characters)";
    }
}
