package io.fxhome.web.tokens;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import io.fxhome.web.problem.Problem;

/**
 * Where a page of tokens ends: the last token's creation time (microseconds, as PostgreSQL keeps it) and id, base64url,
 * opaque to clients. Keyset on (created_at, id), so a token made or revoked in between neither repeats nor hides one.
 */
public record TokenCursor(Instant createdAt, UUID id) {
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+200000-01-01T00:00:00Z");

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "." + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The position in {@code text}, empty for the first page; 400 for anything this server did not give out. */
    public static Optional<TokenCursor> decode(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            if (text.length() > 100) {
                throw new IllegalArgumentException("too long");
            }
            String plain = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.US_ASCII);
            int dot = plain.indexOf('.');
            Instant at = Instant.EPOCH.plus(Long.parseLong(plain.substring(0, dot)), ChronoUnit.MICROS);
            UUID id = UUID.fromString(plain.substring(dot + 1));
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST) || !id.toString().equals(plain.substring(dot + 1))) {
                throw new IllegalArgumentException("out of range");
            }
            return Optional.of(new TokenCursor(at, id));
        } catch (RuntimeException e) {
            throw Problem.badRequest("The token cursor is not one this server gave out.");
        }
    }
}
