package io.fxhome.web.history.calendar;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.fxhome.web.problem.Problem;

/** The month and time zone a calendar or a day was asked for, checked: a bad one is a 400, never a database error. */
public final class CalendarRequest {
    private CalendarRequest() {
    }

    /** An IANA zone ({@code Europe/Berlin}) or offset; UTC when none. */
    public static ZoneId zone(String tz) {
        if (tz == null || tz.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            if (tz.length() > 64) {
                throw new DateTimeException("too long");
            }
            return ZoneId.of(tz.strip());
        } catch (DateTimeException e) {
            throw Problem
                    .badRequest("The time zone (tz) must be a zone name such as Europe/Berlin, or an offset such as +01:00.");
        }
    }

    /** A month as {@code 2026-12}, years 1 to 9999; the current one in {@code zone} when none. */
    public static YearMonth month(String month, ZoneId zone) {
        if (month == null || month.isBlank()) {
            return YearMonth.now(zone);
        }
        try {
            YearMonth m = YearMonth.parse(month.strip());
            if (m.getYear() < 1 || m.getYear() > 9999) {
                throw new DateTimeException("out of range");
            }
            return m;
        } catch (DateTimeException e) {
            throw Problem.badRequest("The month must look like 2026-12 (years 1 to 9999).");
        }
    }

    /** A day as {@code 2026-12-06}, years 1 to 9999; today in {@code zone} when none. */
    public static LocalDate day(String day, ZoneId zone) {
        if (day == null || day.isBlank()) {
            return LocalDate.now(zone);
        }
        try {
            LocalDate d = LocalDate.parse(day.strip());
            if (d.getYear() < 1 || d.getYear() > 9999) {
                throw new DateTimeException("out of range");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("The day must look like 2026-12-06 (years 1 to 9999).");
        } catch (DateTimeException e) {
            throw Problem.badRequest("The day must look like 2026-12-06 (years 1 to 9999).");
        }
    }
}
