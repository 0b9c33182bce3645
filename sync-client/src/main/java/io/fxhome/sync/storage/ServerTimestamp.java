package io.fxhome.sync.storage;

/**
 * A Sync server timestamp: decimal seconds with (normally) two fractional digits, e.g. {@code 1388635807.41}.
 * Keeps the exact text received, to send back verbatim as {@code newer} or {@code X-If-(Un)Modified-Since}, and a
 * comparable count of 10 ms units. Equality and ordering use the value. Deliberately has no conversion from the
 * local clock: server and local times must not mix.
 *
 * @param text the text as received
 * @param centiseconds the value in 10 ms units (digits beyond the second decimal are truncated)
 */
public record ServerTimestamp(String text, long centiseconds) implements Comparable<ServerTimestamp> {
    public static final ServerTimestamp ZERO = new ServerTimestamp("0.00", 0);

    public ServerTimestamp {
        if (text == null || centiseconds < 0) {
            throw new IllegalArgumentException("a server timestamp is a non-negative decimal");
        }
    }

    /** Parses {@code 123}, {@code 123.4}, {@code 123.45} (more decimals are kept in the text, truncated in the value). */
    public static ServerTimestamp parse(String text) {
        String t = text == null ? "" : text.trim();
        int dot = t.indexOf('.');
        // 15 integer digits is far beyond any real timestamp and keeps the arithmetic below free of overflow.
        if (t.isEmpty() || (dot < 0 ? t.length() : dot) > 15 || t.length() > 40) {
            throw new IllegalArgumentException("not a Sync timestamp");
        }
        long whole = 0;
        long frac = 0;
        int fracDigits = 0;
        boolean seenDot = false;
        boolean seenDigit = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '.') {
                if (seenDot) {
                    throw new IllegalArgumentException("not a Sync timestamp");
                }
                seenDot = true;
            } else if (c >= '0' && c <= '9') {
                seenDigit = true;
                if (!seenDot) {
                    whole = whole * 10 + (c - '0');
                } else if (fracDigits < 2) {
                    frac = frac * 10 + (c - '0');
                    fracDigits++;
                }
            } else {
                throw new IllegalArgumentException("not a Sync timestamp");
            }
        }
        if (!seenDigit) {
            throw new IllegalArgumentException("not a Sync timestamp");
        }
        while (fracDigits < 2) {
            frac *= 10;
            fracDigits++;
        }
        return new ServerTimestamp(t, whole * 100 + frac);
    }

    /** A timestamp from a 10 ms count, formatted the way the server prints them. */
    public static ServerTimestamp ofCentiseconds(long centiseconds) {
        long frac = centiseconds % 100;
        return new ServerTimestamp(centiseconds / 100 + "." + (frac < 10 ? "0" : "") + frac, centiseconds);
    }

    /** Milliseconds since the epoch (server clock). */
    public long millis() {
        return centiseconds * 10;
    }

    @Override
    public int compareTo(ServerTimestamp o) {
        return Long.compare(centiseconds, o.centiseconds);
    }

    public boolean isAfter(ServerTimestamp o) {
        return centiseconds > o.centiseconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerTimestamp && ((ServerTimestamp) o).centiseconds == centiseconds;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(centiseconds);
    }

    @Override
    public String toString() {
        return text;
    }
}
