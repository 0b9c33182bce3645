package io.fxhome.web.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.fxhome.web.problem.Problem;

/** A moment asked for in a URL: ISO-8601 with an offset ({@code 2026-12-01T15:00:00+01:00}, or {@code Z}). */
public final class TimeParameter {
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private TimeParameter() {
    }

    /** Empty when absent; 400 for text that is no such time, or one outside 1970 to 9999. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            if (text.length() > 40) {
                throw new DateTimeParseException("too long", text, 0);
            }
            return Optional.of(inRange(OffsetDateTime.parse(text.strip()).toInstant()));
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("The time must be ISO-8601 with an offset, such as 2026-12-01T15:00:00Z.");
        }
    }

    /** The HTML4 form's two fields, a date and a time of day, read as UTC (the page says so). */
    public static Optional<Instant> parseUtc(String date, String time) {
        if (date == null || date.isBlank()) {
            return Optional.empty();
        }
        try {
            if (date.length() > 10 || (time != null && time.length() > 8)) {
                throw new DateTimeParseException("too long", date, 0);
            }
            LocalTime t = time == null || time.isBlank() ? LocalTime.NOON : LocalTime.parse(time.strip());
            return Optional.of(inRange(LocalDateTime.of(LocalDate.parse(date.strip()), t).toInstant(ZoneOffset.UTC)));
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("The date must be written 2026-12-01 and the time 15:00.");
        }
    }

    private static Instant inRange(Instant t) {
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw new DateTimeParseException("out of range", t.toString(), 0);
        }
        return t;
    }
}
