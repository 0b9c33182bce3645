package io.fxhome.web.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * One account's tabs, bookmarks and history for search tests, written as the worker leaves them: visits archived,
 * then each page's Firefox counts, bookmark mark and frecency computed by migration V7's SQL functions (the rule the
 * worker's writers apply), and each bookmark's frecency from its page or its date added.
 */
final class SearchFixtures {
    final DataSource ds;
    final UUID account;
    final Instant now;

    private SearchFixtures(DataSource ds, UUID account, Instant now) {
        this.ds = ds;
        this.account = account;
        this.now = now;
    }

    static SearchFixtures newAccount(DataSource ds, Instant now) throws SQLException {
        UUID id = UUID.randomUUID();
        exec(ds, "insert into account (id, fxa_uid, email) values (?, ?, ?)", id, id.toString().replace("-", ""),
                id + "@example.test");
        return new SearchFixtures(ds, id, now);
    }

    /** A page with {@code visits} visits of {@code transition}, one a day, the latest {@code daysAgo} days ago. */
    SearchFixtures page(String guid, String url, String title, int visits, int transition, int daysAgo) throws SQLException {
        exec(ds, "insert into history_place (account_id, guid, url, title, visit_count, last_visit_at) values (?, ?, ?, ?, ?, ?)",
                account,
                guid, url, title, visits, Timestamp.from(now.minus(Duration.ofDays(daysAgo))));
        for (int i = 0; i < visits; i++) {
            Instant at = now.minus(Duration.ofDays(daysAgo + i)).minusSeconds(i);
            exec(ds, "insert into history_visit (account_id, place_guid, visited_at, transition) values (?, ?, ?, ?)", account,
                    guid,
                    at.getEpochSecond() * 1_000_000L, (short) transition);
        }
        return this;
    }

    SearchFixtures device(String clientId, String name) throws SQLException {
        exec(ds, "insert into device (account_id, client_id, name, device_type) values (?, ?, ?, 'mobile')", account, clientId,
                name);
        return this;
    }

    SearchFixtures tab(String clientId, int position, String title, String url, int hoursAgo) throws SQLException {
        exec(ds, "insert into tab (account_id, client_id, position, title, url, last_used) values (?, ?, ?, ?, ?, ?)", account,
                clientId,
                position, title, url, Timestamp.from(now.minus(Duration.ofHours(hoursAgo))));
        return this;
    }

    /** A tab another Firefox sent to fxhome {@code hoursAgo} hours ago (command {@code index} of fxhome's device). */
    SearchFixtures inbox(long index, String url, String title, String sender, int hoursAgo) throws SQLException {
        exec(ds, """
                insert into inbox (account_id, device_id, command_index, url, title, sender_name, sent_at)
                values (?, 'fxhome-device', ?, ?, ?, ?, ?)""", account, index, url, title, sender,
                Timestamp.from(now.minus(Duration.ofHours(hoursAgo))));
        return this;
    }

    SearchFixtures bookmark(String guid, String title, String url, List<String> tags, String keyword, int daysAgo)
            throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into bookmark (account_id, guid, parent_guid, position, kind, title, url, tags, keyword, date_added)
                values (?, ?, 'toolbar', 0, 'bookmark', ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, account);
            ps.setString(2, guid);
            ps.setString(3, title);
            ps.setString(4, url);
            ps.setArray(5, c.createArrayOf("text", tags.toArray()));
            ps.setString(6, keyword);
            ps.setTimestamp(7, Timestamp.from(now.minus(Duration.ofDays(daysAgo))));
            ps.executeUpdate();
        }
        return this;
    }

    /** Computes what the worker keeps: counts, typed date, bookmark marks, page and bookmark frecency. */
    SearchFixtures scored() throws SQLException {
        exec(ds, """
                update history_place p
                   set frecency_visits = (select count(*) from history_visit v where v.account_id = p.account_id
                                            and v.place_guid = p.guid and v.transition in (1, 2, 3, 5, 6)),
                       last_typed_at = (select to_timestamp(max(v.visited_at) / 1000000.0) from history_visit v
                                         where v.account_id = p.account_id and v.place_guid = p.guid and v.transition = 2),
                       bookmarked = exists (select 1 from bookmark b where b.account_id = p.account_id and b.url = p.url and b.kind = 'bookmark')
                 where p.account_id = ?""",
                account);
        exec(ds, "update history_place set frecency = fxhome_stored_page_frecency(account_id, guid, frecency_visits, bookmarked, url) where account_id = ?",
                account);
        exec(ds, """
                update bookmark b
                   set frecency = coalesce((select max(p.frecency) from history_place p
                                             where p.account_id = b.account_id and p.url = b.url and p.frecency <> 0),
                                           fxhome_page_frecency('{}', '{}', 0, true, b.date_added, b.url))
                 where b.account_id = ? and b.kind = 'bookmark'""", account);
        return this;
    }

    static void exec(DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
