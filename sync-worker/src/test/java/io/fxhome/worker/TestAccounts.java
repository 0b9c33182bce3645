package io.fxhome.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.sql.ResultSet;

import javax.sql.DataSource;

/** Creates bare accounts for tests that write rows directly. */
public final class TestAccounts {
    private TestAccounts() {
    }

    public static UUID create(DataSource ds) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into account (id, fxa_uid, email) values (?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, id.toString().replace("-", ""));
            ps.setString(3, id + "@example.test");
            ps.executeUpdate();
        }
        return id;
    }

    /** Rows of a query with one account id parameter, columns joined by '|'. */
    public static List<String> query(Connection c, String sql, UUID account) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        row.append(i > 1 ? "|" : "").append(rs.getString(i));
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }
}
