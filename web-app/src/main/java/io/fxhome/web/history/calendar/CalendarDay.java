package io.fxhome.web.history.calendar;

import java.time.LocalDate;

/** A day and how many visits fxhome holds for it. */
public record CalendarDay(LocalDate date, long visits) {
}
