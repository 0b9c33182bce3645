package io.fxhome.web.history.story;

/** Visits to the page in one month (UTC), as {@code 2026-12}. */
public record MonthVisits(String month, long visits) {
}
