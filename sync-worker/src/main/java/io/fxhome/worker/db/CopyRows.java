package io.fxhome.worker.db;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.postgresql.PGConnection;

/**
 * Builds the body of a PostgreSQL {@code COPY ... FROM STDIN} in text format and sends it. COPY is how the worker
 * stages a page of records in one round trip; strings are escaped here, never in SQL.
 */
public final class CopyRows {
    private final StringBuilder body = new StringBuilder(64 * 1024);
    private boolean lineStarted;
    private int rows;

    public CopyRows text(String value) {
        separator();
        if (value == null) {
            body.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
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
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + target + " FROM STDIN", new StringReader(body.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + target + " failed", e);
        }
    }

    private void separator() {
        if (lineStarted) {
            body.append('\t');
        }
        lineStarted = true;
    }
}
