package io.fxhome.worker.frecency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;

/**
 * Keeps the frecency that bookmarks give and take (docs/search.md). A history page that is bookmarked weighs its
 * visits as Firefox weighs visits to a bookmark, so its score is recomputed when it gains or loses a bookmark; a
 * bookmark ranks with its page's score, or, never visited, with the score of its date added. Set-based statements
 * over one account, run in the caller's transaction: by the bookmark writer after a bookmark download, and by the
 * history writer for the pages it writes or removes. Both writers depend on these statements, neither on the other.
 */
public final class BookmarkFrecency {
    // Pages whose "bookmarked" mark is wrong, re-scored from their archived visits.
    private static final String REMARK_PAGES = """
            update history_place p
               set bookmarked = x.bookmarked,
                   frecency = fxhome_stored_page_frecency(p.account_id, p.guid, p.frecency_visits, x.bookmarked, p.url)
              from (select g.guid, false as bookmarked from history_place g
                     where g.account_id = ? and g.bookmarked
                       and not exists (select 1 from bookmark b
                                        where b.account_id = g.account_id and hashtextextended(b.url, 0) = hashtextextended(g.url, 0)
                                          and b.url = g.url and b.kind = 'bookmark')
                    union
                    select g.guid, true from bookmark b
                      join history_place g on g.account_id = b.account_id and hashtextextended(g.url, 0) = hashtextextended(b.url, 0)
                                          and g.url = b.url
                     where b.account_id = ? and b.kind = 'bookmark' and b.url is not null and not g.bookmarked) x
             where p.account_id = ? and p.guid = x.guid
            """;
    // Each bookmark: its page's best score, else one sample of weight 100 on its date added.
    private static final String SCORE_BOOKMARKS = """
            update bookmark b set frecency = x.frecency
              from (select c.guid, coalesce(
                               (select max(p.frecency) from history_place p
                                 where p.account_id = c.account_id and hashtextextended(p.url, 0) = hashtextextended(c.url, 0)
                                   and p.url = c.url and p.frecency <> 0),
                               fxhome_page_frecency('{}', '{}', 0, true, c.date_added, c.url)) as frecency
                      from bookmark c
                     where c.account_id = ? and c.kind = 'bookmark' and c.url is not null %s) x
             where b.account_id = ? and b.guid = x.guid and b.frecency is distinct from x.frecency
            """;

    // Which of a page's URLs have a bookmark (see bookmarkedUrls): one probe of the bookmark URL index per URL. The
    // kind is tested in the aggregate, not in WHERE, so that no partial index of bookmarks only (host, frecency)
    // qualifies for the probe: with statistics that put an account at a row or two, the smallest account_id-led index
    // wins, and one of those walked the account's bookmarks for every URL (a first sync 15 times slower). Public for
    // the history writer's plan tests.
    public static final String BOOKMARKED_URLS = """
            select u.url
              from unnest(?::text[]) as u (url)
             cross join lateral (
                   select count(*) filter (where b.kind = 'bookmark') > 0 as bookmarked from bookmark b
                    where b.account_id = ? and hashtextextended(b.url, 0) = hashtextextended(u.url, 0)
                      and b.url = u.url) bm
             where bm.bookmarked
            """;
    // Bookmarks of bookmarked pages take the pages' new frecency; one index probe per URL.
    private static final String PAGE_SCORES_TO_BOOKMARKS = """
            update bookmark b set frecency = u.frecency
              from unnest(?::text[], ?::integer[]) as u (url, frecency)
             where b.account_id = ? and hashtextextended(b.url, 0) = hashtextextended(u.url, 0) and b.url = u.url
               and b.kind = 'bookmark' and b.frecency is distinct from u.frecency
            """;
    private static final String HAS_HISTORY = "select exists (select 1 from history_place where account_id = ?)";

    private final Connection connection;

    public BookmarkFrecency(Connection connection) {
        this.connection = connection;
    }

    /**
     * After a bookmark download: marks and scores for the whole account. Without history (a first sync downloads
     * bookmarks before history) there is nothing to mark, and every bookmark was written with the score of its date
     * added, which is what scoring would give it again: the two account-wide statements are skipped.
     */
    public void refresh(UUID accountId) throws SQLException {
        if (!hasHistory(accountId)) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(REMARK_PAGES)) {
            ps.setObject(1, accountId);
            ps.setObject(2, accountId);
            ps.setObject(3, accountId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(SCORE_BOOKMARKS.formatted(""))) {
            ps.setObject(1, accountId);
            ps.setObject(2, accountId);
            ps.executeUpdate();
        }
    }

    /** After pages of these URLs changed or went: their bookmarks' scores. */
    public void refreshUrls(UUID accountId, Collection<String> urls) throws SQLException {
        String only = "and hashtextextended(c.url, 0) = any(select hashtextextended(u, 0) from unnest(?::text[]) u) and c.url = any(?)";
        try (PreparedStatement ps = connection.prepareStatement(SCORE_BOOKMARKS.formatted(only))) {
            var array = connection.createArrayOf("text", urls.toArray());
            ps.setObject(1, accountId);
            ps.setArray(2, array);
            ps.setArray(3, array);
            ps.setObject(4, accountId);
            ps.executeUpdate();
        }
    }

    /** Which of these page URLs have a bookmark of the account: their visits weigh as a bookmark's. */
    public Set<String> bookmarkedUrls(UUID accountId, Collection<String> urls) throws SQLException {
        Set<String> bookmarked = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(BOOKMARKED_URLS)) {
            ps.setArray(1, connection.createArrayOf("text", urls.toArray()));
            ps.setObject(2, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bookmarked.add(rs.getString(1));
                }
            }
        }
        return bookmarked;
    }

    /**
     * After bookmarked pages were scored: their bookmarks take the score. In URL order, so that pages written at once
     * lock shared bookmarks in the same order (no deadlock).
     */
    public void passOnPageScores(UUID accountId, SortedMap<String, Integer> frecencyByUrl) throws SQLException {
        if (frecencyByUrl.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(PAGE_SCORES_TO_BOOKMARKS)) {
            ps.setArray(1, connection.createArrayOf("text", frecencyByUrl.keySet().toArray()));
            ps.setArray(2, connection.createArrayOf("integer", frecencyByUrl.values().toArray()));
            ps.setObject(3, accountId);
            ps.executeUpdate();
        }
    }

    private boolean hasHistory(UUID accountId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(HAS_HISTORY)) {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
