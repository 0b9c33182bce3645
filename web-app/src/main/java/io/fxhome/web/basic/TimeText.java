package io.fxhome.web.basic;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.fxhome.web.i18n.LocaleText;
import io.fxhome.web.i18n.Msg;
import io.fxhome.web.i18n.RequestLanguage;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;

/**
 * "3 minutes ago" and dates for the HTML4 templates (server-side: these pages have no script), in the page's
 * language: the words come from the messages ({@code ago_minutes}), the date patterns too ({@code format_day}), so a
 * new language brings its own. Times are UTC, as the pages say.
 */
@TemplateExtension(namespace = "when")
public final class TimeText {

    private TimeText() {
    }

    static String ago(Instant at, @TemplateAttribute("locale") Object locale) {
        return ago(at, LocaleText.locale(locale));
    }

    public static String ago(Instant at, Locale locale) {
        Msg msg = RequestLanguage.messages(locale);
        if (at == null) {
            return msg.time_never();
        }
        long s = Duration.between(at, Instant.now()).toSeconds();
        if (s < 0) {
            return msg.time_just_now();
        }
        if (s < 60) {
            return msg.ago_seconds(String.valueOf(s));
        }
        if (s < 3600) {
            return s / 60 == 1 ? msg.ago_minute() : msg.ago_minutes(String.valueOf(s / 60));
        }
        if (s < 86400) {
            return s / 3600 == 1 ? msg.ago_hour() : msg.ago_hours(String.valueOf(s / 3600));
        }
        return s / 86400 == 1 ? msg.ago_day() : msg.ago_days(String.valueOf(s / 86400));
    }

    static String day(Instant at, @TemplateAttribute("locale") Object locale) {
        return day(at, LocaleText.locale(locale));
    }

    public static String day(Instant at, Locale locale) {
        return at == null ? "" : pattern(RequestLanguage.messages(locale).format_day(), locale).format(at);
    }

    static String clock(Instant at, @TemplateAttribute("locale") Object locale) {
        Locale l = LocaleText.locale(locale);
        return at == null ? "" : pattern(RequestLanguage.messages(l).format_clock(), l).format(at);
    }

    /** A calendar date (no time): {@code 2025-12-06} as "6 December 2025" / "6. Dezember 2025". */
    static String date(Object date, @TemplateAttribute("locale") Object locale) {
        if (date == null) {
            return "";
        }
        Locale l = LocaleText.locale(locale);
        LocalDate d = date instanceof LocalDate ld ? ld : LocalDate.parse(String.valueOf(date));
        return pattern(RequestLanguage.messages(l).format_date(), l).format(d);
    }

    /** A moment with its date and time, e.g. when a waiting sign-in expires. */
    static String dateTime(Instant at, @TemplateAttribute("locale") Object locale) {
        Locale l = LocaleText.locale(locale);
        Msg msg = RequestLanguage.messages(l);
        return at == null ? "" : pattern(msg.format_day(), l).format(at) + ", " + pattern(msg.format_clock(), l).format(at);
    }

    private static DateTimeFormatter pattern(String pattern, Locale locale) {
        return DateTimeFormatter.ofPattern(pattern, locale).withZone(ZoneOffset.UTC);
    }
}
