package io.fxhome.web.history.calendar;

import java.util.List;

/**
 * Visit counts for every day of a month in a time zone, with the months before and after, and "on this day": the same
 * date a year before today, with its count.
 */
public record CalendarMonth(String month, String timeZone, List<CalendarDay> days, long total, String previous, String next,
        CalendarDay onThisDay) {
}
