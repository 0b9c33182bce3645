package io.fxhome.web.timeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

import io.fxhome.web.problem.Problem;

/** Where a timeline page ends: the last snapshot's time (microseconds), base64url, opaque to clients. */
public final class TimelineCursor {
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+200000-01-01T00:00:00Z");

    private TimelineCursor() {
    }

    public static String encode(Instant takenAt) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, takenAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Long.toString(micros).getBytes(StandardCharsets.US_ASCII));
    }

    /** The time in {@code text}, empty for none; 400 for anything this server did not give out. */
    public static Optional<Instant> decode(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            if (text.length() > 32) {
                throw new IllegalArgumentException("too long");
            }
            long micros = Long.parseLong(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII));
            Instant t = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
                throw new IllegalArgumentException("out of range");
            }
            return Optional.of(t);
        } catch (RuntimeException e) {
            throw Problem.badRequest("The timeline cursor is not one this server gave out.");
        }
    }
}
