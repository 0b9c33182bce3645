package io.fxhome.web.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

import io.fxhome.web.problem.Problem;

/**
 * Where a history page ends: the last entry's visit time (microseconds) and guid, opaque to clients. Keyset paging:
 * a page never repeats or skips an entry when new visits arrive in between.
 */
public record HistoryCursor(Instant before, String guid) {
    /**
     * The times a cursor may name: well inside what PostgreSQL's {@code timestamptz} holds (4713 BC to 294276 AD), so
     * that no cursor reaches the database with a time it refuses.
     */
    static final Instant EARLIEST = Instant.parse("-4000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("+200000-01-01T00:00:00Z");
    /** Sync guids are 12 characters; anything this long was not given out by this server. */
    static final int MAX_GUID_LENGTH = 256;
    /** Longest text a valid cursor encodes to (a long, a bar and the longest guid, in base64). */
    static final int MAX_ENCODED_LENGTH = 4 * (20 + 1 + 4 * MAX_GUID_LENGTH) / 3 + 4;

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, before);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + "|" + guid).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor in {@code text}; empty for none.
     *
     * @throws Problem {@code bad-request} (400) for anything this server did not give out: not base64url, no time and
     *         guid, a time out of range, a guid too long or holding a NUL character (which PostgreSQL text cannot hold)
     */
    public static Optional<HistoryCursor> decode(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            if (text.length() > MAX_ENCODED_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            long micros = Long.parseLong(plain.substring(0, bar));
            String guid = plain.substring(bar + 1);
            Instant before = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            if (before.isBefore(EARLIEST) || before.isAfter(LATEST) || guid.length() > MAX_GUID_LENGTH
                    || guid.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("out of range");
            }
            return Optional.of(new HistoryCursor(before, guid));
        } catch (RuntimeException e) {
            throw Problem.badRequest("The history cursor is not one this server gave out.");
        }
    }
}
