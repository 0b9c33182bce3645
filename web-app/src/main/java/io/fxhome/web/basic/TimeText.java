package io.fxhome.web.basic;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.quarkus.qute.TemplateExtension;

/** "3 minutes ago" and dates for the HTML4 templates (server-side: these pages have no script). */
@TemplateExtension(namespace = "when")
public final class TimeText {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private TimeText() {
    }

    static String ago(Instant at) {
        if (at == null) {
            return "never";
        }
        long s = Duration.between(at, Instant.now()).toSeconds();
        if (s < 0) {
            return "just now";
        }
        if (s < 60) {
            return s + " seconds ago";
        }
        if (s < 3600) {
            return plural(s / 60, "minute") + " ago";
        }
        if (s < 86400) {
            return plural(s / 3600, "hour") + " ago";
        }
        return plural(s / 86400, "day") + " ago";
    }

    static String day(Instant at) {
        return at == null ? "" : DAY.format(at);
    }

    static String clock(Instant at) {
        return at == null ? "" : CLOCK.format(at) + " UTC";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
