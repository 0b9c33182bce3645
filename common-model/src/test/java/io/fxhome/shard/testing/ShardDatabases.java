package io.fxhome.shard.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the sharding tests of every module read straight from a shard's database, over their own connections (shipped
 * in common-model's test jar): whether an account's rows are there, table by table.
 */
public final class ShardDatabases {
    private ShardDatabases() {
    }

    /** A plain connection source to one test database, as the fxhome role. */
    public static DataSource database(String jdbcUrl) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setUser("fxhome");
        ds.setPassword("fxhome");
        return ds;
    }

    /**
     * The account's rows in every table of per-user data of one database: {@code account} itself, then every table
     * with an {@code account_id} column except the directory (which is not per-user data), by name.
     */
    public static Map<String, Long> perUserRows(DataSource ds, UUID account) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("account", count(ds, "select count(*) from account where id = ?", account));
        List<String> tables = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        """
                                select table_name from information_schema.columns
                                 where table_schema = current_schema() and column_name = 'account_id' and table_name <> 'account_directory'
                                 order by table_name""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        for (String table : tables) {
            rows.put(table, count(ds, "select count(*) from " + table + " where account_id = ?", account));
        }
        return rows;
    }

    private static long count(DataSource ds, String sql, UUID account) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
