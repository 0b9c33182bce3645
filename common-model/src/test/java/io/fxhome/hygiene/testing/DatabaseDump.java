package io.fxhome.hygiene.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.sql.DataSource;

/**
 * Every row of every table of the public schema as text: each column as PostgreSQL renders it, and bytea columns also
 * as hex and base64, so that a secret stored in the clear shows up whatever its encoding.
 */
public final class DatabaseDump {
    private DatabaseDump() {
    }

    /** One entry per row: {@code table: col=value | col=value ...}. */
    public static List<String> rows(DataSource ds) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "select tablename from pg_tables where schemaname = 'public' order by tablename")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (tables.isEmpty()) {
                throw new IllegalStateException("no tables in the public schema");
            }
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("select * from public.\"" + table.replace("\"", "\"\"") + "\"")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(table).append(':');
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.append(" | ").append(meta.getColumnName(i)).append('=');
                            if (meta.getColumnType(i) == Types.BINARY || "bytea".equals(meta.getColumnTypeName(i))) {
                                byte[] b = rs.getBytes(i);
                                row.append(b == null ? "null"
                                        : HexFormat.of().formatHex(b) + " "
                                                + Base64.getEncoder().encodeToString(b));
                            } else {
                                row.append(rs.getString(i));
                            }
                        }
                        out.add(row.toString());
                    }
                }
            }
        }
        return out;
    }
}
