package io.fxhome.web.history.sites;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import io.fxhome.web.history.visits.VisitRange;
import io.fxhome.web.problem.Problem;

/** Where a page of sites ends: the last site's latest visit (microseconds) and host, opaque to clients. */
public record SiteCursor(long micros, String host) {
    /** A DNS name has at most 253 characters; hosts longer than that are no site (fxhome_url_host, V14). */
    static final int MAX_HOST_LENGTH = 253;
    static final int MAX_ENCODED_LENGTH = 4 * (20 + 1 + 4 * MAX_HOST_LENGTH) / 3 + 4;

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + "|" + host).getBytes(StandardCharsets.UTF_8));
    }

    public Instant lastVisit() {
        return VisitRange.instant(micros);
    }

    /** @throws Problem {@code bad-request} for anything this server did not give out */
    public static Optional<SiteCursor> decode(String text) {
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
            String host = plain.substring(bar + 1);
            if (micros < VisitRange.ALL.fromMicros() || micros > VisitRange.ALL.toMicros() || host.isEmpty()
                    || host.length() > MAX_HOST_LENGTH || host.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("out of range");
            }
            return Optional.of(new SiteCursor(micros, host));
        } catch (RuntimeException e) {
            throw Problem.badRequest("The sites cursor is not one this server gave out.");
        }
    }
}
