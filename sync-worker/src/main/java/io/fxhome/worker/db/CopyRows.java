package io.fxhome.worker.db;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Builds the body of a PostgreSQL {@code COPY ... FROM STDIN} in text format and sends it. COPY is how the worker
 * stages a page of records in one round trip; strings are escaped here, never in SQL.
 */
public final class CopyRows {
    private final StringBuilder body = new StringBuilder(256 * 1024);
    private boolean lineStarted;
    private int rows;

    public CopyRows text(String value) {
        separator();
        if (value == null) {
            body.append("\\N");
            return this;
        }
        // Most synced strings need no escape: copied whole, they cost one array copy instead of a loop of appends.
        int clean = 0;
        while (clean < value.length() && !needsEscape(value.charAt(clean))) {
            clean++;
        }
        body.append(value, 0, clean);
        for (int i = clean; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> body.append("\\\\");
                case '\t' -> body.append("\\t");
                case '\n' -> body.append("\\n");
                case '\r' -> body.append("\\r");
                // PostgreSQL text cannot hold NUL; synced strings sometimes do.
                case '\0' -> body.append('\uFFFD');
                default -> body.append(c);
            }
        }
        return this;
    }

    private static boolean needsEscape(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
    }

    /** A whole number, without boxing it. */
    public CopyRows number(long value) {
        separator();
        body.append(value);
        return this;
    }

    /**
     * A timestamptz from microseconds since the epoch, exactly as {@code to_timestamp(micros / 1000000.0)} gives it, in
     * ISO form with its UTC offset (any DateStyle reads it); null is SQL NULL.
     */
    public CopyRows timestampMicros(Long micros) {
        separator();
        if (micros == null) {
            body.append("\\N");
            return this;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 1000) {
            body.append(year < 10 ? "000" : year < 100 ? "00" : "0");
        }
        body.append(year).append('-');
        twoDigits(t.getMonthValue()).append('-');
        twoDigits(t.getDayOfMonth()).append(' ');
        twoDigits(t.getHour()).append(':');
        twoDigits(t.getMinute()).append(':');
        twoDigits(t.getSecond()).append('.');
        String fraction = Long.toString(Math.floorMod(micros, 1_000_000L) + 1_000_000L);
        body.append(fraction, 1, fraction.length()).append("+00");
        return this;
    }

    private StringBuilder twoDigits(int n) {
        return body.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    public CopyRows number(Number value) {
        separator();
        body.append(value == null ? "\\N" : value.toString());
        return this;
    }

    public CopyRows bool(boolean value) {
        separator();
        body.append(value ? 't' : 'f');
        return this;
    }

    /** A text[] value in PostgreSQL's array literal syntax, itself escaped for the COPY text format. */
    public CopyRows textArray(List<String> values) {
        if (values == null) {
            return text(null);
        }
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            String v = values.get(i);
            if (v == null) {
                literal.append("NULL");
                continue;
            }
            literal.append('"');
            for (int j = 0; j < v.length(); j++) {
                char c = v.charAt(j);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        return text(literal.append('}').toString());
    }

    public CopyRows endRow() {
        body.append('\n');
        lineStarted = false;
        rows++;
        return this;
    }

    public int rows() {
        return rows;
    }

    /** Sends the rows with {@code COPY <target> FROM STDIN}; returns the row count PostgreSQL reports. */
    public long copyInto(Connection connection, String target) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        // One UTF-8 buffer in one write: the driver's Reader variant re-encodes the text in 64 KiB slices.
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + target + " FROM STDIN");
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
            return copy.endCopy();
        } catch (SQLException e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            throw e;
        }
    }

    private void separator() {
        if (lineStarted) {
            body.append('\t');
        }
        lineStarted = true;
    }
}
