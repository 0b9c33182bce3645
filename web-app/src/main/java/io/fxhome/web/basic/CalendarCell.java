package io.fxhome.web.basic;

/** A cell of the HTML4 calendar: a day of the month with its visits, or a blank before the 1st or after the last. */
public record CalendarCell(int day, String date, long visits) {
    static final CalendarCell BLANK = new CalendarCell(0, "", 0);

    public boolean blank() {
        return day == 0;
    }
}
