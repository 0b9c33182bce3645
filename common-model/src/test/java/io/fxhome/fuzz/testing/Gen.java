package io.fxhome.fuzz.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A generator of fuzz inputs from a seeded {@link SplittableRandom}: the same seed gives the same input, so that a
 * failure is replayed by its seed ({@link Fuzz}). Combinators for the few shapes the fuzz tests need.
 */
@FunctionalInterface
public interface Gen<T> {
    T next(SplittableRandom random);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return random -> f.apply(next(random));
    }

    /** Lists of {@code min} to {@code max} elements. */
    default Gen<List<T>> list(int min, int max) {
        return random -> {
            int size = random.nextInt(min, max + 1);
            List<T> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                out.add(next(random));
            }
            return out;
        };
    }

    static <T> Gen<T> just(T value) {
        return random -> value;
    }

    /** One of {@code values}, each as likely. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    static <T> Gen<T> of(List<T> values) {
        return random -> values.get(random.nextInt(values.size()));
    }

    /** One of {@code gens}, each as likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return oneOf(List.of(gens));
    }

    static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
        return random -> gens.get(random.nextInt(gens.size())).next(random);
    }

    /** {@code gen} with the odds {@code weight} (in the sum of the weights given to {@link #frequency}). */
    record Weighted<T>(int weight, Gen<? extends T> gen) {
    }

    static <T> Weighted<T> weight(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        int total = 0;
        for (Weighted<? extends T> c : choices) {
            total += c.weight();
        }
        int sum = total;
        return random -> {
            int pick = random.nextInt(sum);
            for (Weighted<? extends T> c : choices) {
                pick -= c.weight();
                if (pick < 0) {
                    return c.gen().next(random);
                }
            }
            throw new IllegalStateException("unreachable");
        };
    }

    /** Integers from {@code min} to {@code max}, both included. */
    static Gen<Integer> between(int min, int max) {
        return random -> random.nextInt(min, max + 1);
    }

    /**
     * Strings of {@code min} to {@code max} UTF-16 units, any of them: controls, NUL, lone and paired surrogates, the
     * rest of the BMP.
     */
    static Gen<String> anyString(int min, int max) {
        return random -> {
            int length = random.nextInt(min, max + 1);
            StringBuilder s = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                s.append(switch (random.nextInt(4)) {
                    case 0 -> (char) random.nextInt(0x80);
                    case 1 -> (char) random.nextInt(0xD800, 0xE000);
                    default -> (char) random.nextInt(0x10000);
                });
            }
            return s.toString();
        };
    }
}
