package io.fxhome.web.testsupport;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

/** Writes an account's mirrored rows directly, as the worker would, for tests on fixed data. */
public final class TestData {
    private final DataSource ds;
    public final UUID account;

    private TestData(DataSource ds, UUID account) {
        this.ds = ds;
        this.account = account;
    }

    /** An account made elsewhere (e.g. by a sign-in), to add rows to. */
    public record Existing(DataSource ds, UUID account) {
        public TestData data() {
            return new TestData(ds, account);
        }
    }

    public static TestData newAccount(DataSource ds) throws SQLException {
        UUID id = UUID.randomUUID();
        exec(ds, "insert into account (id, fxa_uid, email, last_sync_at) values (?, ?, ?, now())", id,
                id.toString().replace("-", ""),
                id + "@example.test");
        return new TestData(ds, id);
    }

    public TestData device(String clientId, String name, String type, double tabsModifiedSeconds) throws SQLException {
        exec(ds, "insert into device (account_id, client_id, name, device_type, os, server_modified) values (?, ?, ?, ?, 'Linux', ?)",
                account, clientId, name, type, BigDecimal.valueOf(tabsModifiedSeconds));
        exec(ds, "insert into device_tabs (account_id, client_id, client_name, server_modified) values (?, ?, ?, ?)", account,
                clientId,
                name, BigDecimal.valueOf(tabsModifiedSeconds).setScale(2));
        return this;
    }

    public TestData tab(String clientId, int position, String title, String url, Instant lastUsed) throws SQLException {
        exec(ds, "insert into tab (account_id, client_id, position, title, url, last_used) values (?, ?, ?, ?, ?, ?)", account,
                clientId,
                position, title, url, Timestamp.from(lastUsed));
        return this;
    }

    public TestData folder(String guid, String parent, int position, String title, List<String> children) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "insert into bookmark (account_id, guid, parent_guid, position, kind, title, children) values (?, ?, ?, ?, 'folder', ?, ?)")) {
            ps.setObject(1, account);
            ps.setString(2, guid);
            ps.setString(3, parent);
            ps.setObject(4, parent == null ? null : position);
            ps.setString(5, title);
            ps.setArray(6, c.createArrayOf("text", children.toArray()));
            ps.executeUpdate();
        }
        return this;
    }

    public TestData bookmark(String guid, String parent, int position, String title, String url) throws SQLException {
        exec(ds, "insert into bookmark (account_id, guid, parent_guid, position, kind, title, url, date_added) values (?, ?, ?, ?, 'bookmark', ?, ?, now())",
                account, guid, parent, position, title, url);
        return this;
    }

    public TestData place(String guid, String url, String title, int visits, Instant lastVisit) throws SQLException {
        exec(ds, "insert into history_place (account_id, guid, url, title, visit_count, last_visit_at) values (?, ?, ?, ?, ?, ?)",
                account,
                guid, url, title, visits, Timestamp.from(lastVisit));
        long micros = lastVisit.getEpochSecond() * 1_000_000L + lastVisit.getNano() / 1000;
        exec(ds, "insert into history_visit (account_id, place_guid, visited_at, transition) values (?, ?, ?, 1)", account,
                guid, micros);
        return this;
    }

    /** {@code n} received tabs in the account's inbox, one a minute back from now (plan tests' realistic size). */
    public static void receivedTabs(DataSource ds, UUID account, int n) throws SQLException {
        exec(ds, """
                insert into inbox (account_id, device_id, command_index, url, title, sent_at)
                select ?, 'dev', i, 'https://site' || i || '.example/', 'Tab ' || i, now() - i * interval '1 minute'
                  from generate_series(1, ?) i""", account, n);
    }

    public static void exec(DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    public static String one(DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
