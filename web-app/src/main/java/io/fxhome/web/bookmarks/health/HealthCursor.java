package io.fxhome.web.bookmarks.health;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import io.fxhome.web.problem.Problem;

/**
 * Where a page of a health list ends: the last entry's key (guid or URL) after a marker, base64url, opaque to clients.
 * The marker tells this server's cursors from any other text that happens to decode.
 */
public final class HealthCursor {
    /** URLs are stored whole; a cursor past this names no key this server gave out. */
    private static final int MAX_ENCODED = 200_000;
    private static final String MARKER = "health:";

    private HealthCursor() {
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((MARKER + key).getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<String> decode(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            if (text.length() > MAX_ENCODED) {
                throw new IllegalArgumentException("too long");
            }
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            if (!plain.startsWith(MARKER) || plain.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("not ours");
            }
            return Optional.of(plain.substring(MARKER.length()));
        } catch (RuntimeException e) {
            throw Problem.badRequest("The cursor is not one this server gave out.");
        }
    }
}
