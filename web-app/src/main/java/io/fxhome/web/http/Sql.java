package io.fxhome.web.http;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;

/** Small conversions shared by the repositories. */
public final class Sql {
    private Sql() {
    }

    public static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** A Sync server timestamp (seconds with two decimals) as an instant. */
    public static Instant syncSeconds(BigDecimal seconds) {
        return seconds == null ? null : Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
    }

    /** Escapes LIKE wildcards so that user input matches literally (with {@code escape '\'}). */
    public static String likeContains(String word) {
        return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
