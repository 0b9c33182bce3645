package io.fxhome.sync.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the back-off signals servers send (§8.5): {@code X-Weave-Backoff} (storage, any status),
 * {@code X-Backoff} (tokenserver), {@code Retry-After} (seconds or an HTTP date). Values are seconds, possibly
 * fractional, rounded up as application-services does.
 */
public final class BackoffHeaders {
    private BackoffHeaders() {
    }

    /** The longest back-off any of the headers asks for. */
    public static Optional<Duration> requested(HttpHeaders headers, Instant now) {
        Duration best = null;
        for (String name : new String[] { "X-Weave-Backoff", "X-Backoff", "Retry-After" }) {
            Optional<String> v = headers.firstValue(name);
            if (v.isPresent()) {
                Optional<Duration> d = parse(v.get(), now);
                if (d.isPresent() && (best == null || d.get().compareTo(best) > 0)) {
                    best = d.get();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Parses one header value: seconds (integer or decimal) or an RFC 1123 date; nonsense gives empty. */
    public static Optional<Duration> parse(String value, Instant now) {
        String v = value.trim();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            double seconds = Double.parseDouble(v);
            if (Double.isNaN(seconds) || seconds < 0 || seconds > 365d * 24 * 3600) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofSeconds((long) Math.ceil(seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
