package io.fxhome.web.history.visits;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import io.fxhome.web.problem.Problem;

/**
 * A time range of visits, {@code from} included and {@code to} excluded, in microseconds since the epoch as stored. An
 * end left out is open. Ends are ISO-8601 instants with an offset ({@code 2026-12-06T00:00:00Z},
 * {@code 2026-12-06T00:00:00+01:00}) or plain dates, read as the start of that day in UTC.
 */
public record VisitRange(long fromMicros, long toMicros) {
    /** Far inside what a bigint and a timestamptz both hold, so that no range reaches the database with a time it refuses. */
    static final long EARLIEST_MICROS = micros(Instant.parse("-4000-01-01T00:00:00Z"));
    static final long LATEST_MICROS = micros(Instant.parse("+200000-01-01T00:00:00Z"));
    public static final VisitRange ALL = new VisitRange(EARLIEST_MICROS, LATEST_MICROS);

    public static VisitRange of(Instant from, Instant to) {
        return new VisitRange(micros(from), micros(to));
    }

    /**
     * The range the two query parameters name.
     *
     * @throws Problem {@code bad-request} for an end that is not a date or instant, out of range, or a {@code to}
     *         before {@code from}
     */
    public static VisitRange parse(String from, String to) {
        long start = from == null || from.isBlank() ? EARLIEST_MICROS : end("from", from);
        long end = to == null || to.isBlank() ? LATEST_MICROS : end("to", to);
        if (end < start) {
            throw Problem.badRequest("The range ends (to) before it starts (from).");
        }
        return new VisitRange(start, end);
    }

    public boolean bounded() {
        return fromMicros > EARLIEST_MICROS || toMicros < LATEST_MICROS;
    }

    public Instant from() {
        return instant(fromMicros);
    }

    public Instant to() {
        return instant(toMicros);
    }

    public static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    public static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static long end(String name, String text) {
        String t = text.strip();
        try {
            Instant at = t.length() <= 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(t).toInstant();
            long micros = micros(at);
            if (micros < EARLIEST_MICROS || micros > LATEST_MICROS) {
                throw new IllegalArgumentException("out of range");
            }
            return micros;
        } catch (DateTimeParseException | ArithmeticException | IllegalArgumentException e) {
            throw Problem.badRequest("'" + name + "' must be a date (2026-12-06) or a time with its offset"
                    + " (2026-12-06T15:00:00Z) between the years -4000 and 200000.");
        }
    }
}
