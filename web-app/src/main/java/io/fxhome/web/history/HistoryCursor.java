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

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, before);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + "|" + guid).getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<HistoryCursor> decode(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            long micros = Long.parseLong(plain.substring(0, bar));
            return Optional.of(new HistoryCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), plain.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw Problem.badRequest("The history cursor is not one this server gave out.");
        }
    }
}
