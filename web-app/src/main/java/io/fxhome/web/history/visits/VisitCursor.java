package io.fxhome.web.history.visits;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import io.fxhome.web.problem.Problem;

/**
 * Where a page of visits ends: the last visit's time (microseconds, as Sync carries it), transition and page guid,
 * opaque to clients. A visit is its page, time and transition (the primary key), so keyset paging on the three never
 * repeats or skips a visit, whichever way the list runs.
 */
public record VisitCursor(long micros, int transition, String placeGuid) {
    /** Sync guids are 12 characters; anything this long was not given out by this server. */
    static final int MAX_GUID_LENGTH = 256;
    static final int MAX_ENCODED_LENGTH = 4 * (20 + 1 + 6 + 1 + 4 * MAX_GUID_LENGTH) / 3 + 4;

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "|" + transition + "|" + placeGuid).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor in {@code text}; empty for none.
     *
     * @throws Problem {@code bad-request} (400) for anything this server did not give out
     */
    public static Optional<VisitCursor> decode(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            if (text.length() > MAX_ENCODED_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", 3);
            long micros = Long.parseLong(parts[0]);
            int transition = Integer.parseInt(parts[1]);
            String guid = parts[2];
            if (micros < VisitRange.EARLIEST_MICROS || micros > VisitRange.LATEST_MICROS || transition < Short.MIN_VALUE
                    || transition > Short.MAX_VALUE || guid.length() > MAX_GUID_LENGTH || guid.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("out of range");
            }
            return Optional.of(new VisitCursor(micros, transition, guid));
        } catch (RuntimeException e) {
            throw Problem.badRequest("The visits cursor is not one this server gave out.");
        }
    }
}
