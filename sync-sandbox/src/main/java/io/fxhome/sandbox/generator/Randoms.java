package io.fxhome.sandbox.generator;

import java.util.SplittableRandom;

/** Deterministic randomness: one independent stream per (seed, purpose, index), so records generate in parallel. */
public final class Randoms {
    private static final char[] B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    private Randoms() {
    }

    /** A stream for one record: the same inputs always give the same numbers. */
    public static SplittableRandom stream(long seed, String purpose, long index) {
        long h = seed * 0x9E3779B97F4A7C15L + purpose.hashCode();
        h = mix(h ^ (index * 0xC2B2AE3D27D4EB4FL));
        return new SplittableRandom(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A Firefox-style record id: 12 base64url characters. */
    public static String guid(SplittableRandom r) {
        char[] c = new char[12];
        for (int i = 0; i < c.length; i++) {
            c[i] = B64URL[r.nextInt(64)];
        }
        return new String(c);
    }

    public static String hex(SplittableRandom r, int bytes) {
        StringBuilder sb = new StringBuilder(bytes * 2);
        for (int i = 0; i < bytes; i++) {
            sb.append(String.format("%02x", r.nextInt(256)));
        }
        return sb.toString();
    }

    public static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    public static <T> T pick(SplittableRandom r, T[] items) {
        return items[r.nextInt(items.length)];
    }

    /** Index drawn from cumulative weights (ascending, last = total). */
    public static int weighted(SplittableRandom r, double[] cumulative) {
        double x = r.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Cumulative Zipf(s) weights for n ranks. */
    public static double[] zipf(int n, double s) {
        double[] c = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += 1.0 / Math.pow(i + 1, s);
            c[i] = total;
        }
        return c;
    }
}
