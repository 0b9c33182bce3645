package io.fxhome.sandbox.storage;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Sync server timestamps: milliseconds truncated to 10 ms, shown as seconds with two decimals in headers
 * ({@code 1388635807.41}) and as a JSON number in bodies, the way syncstorage-rs's f64 serializer prints them
 * (shortest form: {@code 1388635807.4}, {@code 1388635807.0}).
 */
public final class SyncTimestamps {
    private SyncTimestamps() {
    }

    public static long truncate(long millis) {
        return millis - Math.floorMod(millis, 10L);
    }

    /** Header form, two decimals. */
    public static String header(long millis) {
        long cents = millis / 10;
        long frac = cents % 100;
        return (cents / 100) + "." + (frac < 10 ? "0" : "") + frac;
    }

    /** JSON number form, as serde_json prints an f64. */
    public static String json(long millis) {
        long cents = millis / 10;
        long frac = cents % 100;
        long whole = cents / 100;
        if (frac == 0) {
            return whole + ".0";
        }
        if (frac % 10 == 0) {
            return whole + "." + (frac / 10);
        }
        return whole + "." + (frac < 10 ? "0" : "") + frac;
    }

    /**
     * Parses a client-sent Sync timestamp (seconds, any number of decimals) into milliseconds truncated to 10 ms, as
     * syncstorage-rs's {@code SyncTimestamp::from_header} does. Throws on negative or non-numeric values.
     */
    public static long parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty timestamp");
        }
        BigDecimal seconds = new BigDecimal(value.trim());
        if (seconds.signum() < 0) {
            throw new IllegalArgumentException("negative timestamp");
        }
        long millis = seconds.movePointRight(3).setScale(0, RoundingMode.DOWN).longValueExact();
        return truncate(millis);
    }
}
