package io.fxhome.web.jdbc;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;

/** Conversions of JDBC column values that the repositories share. */
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
}
