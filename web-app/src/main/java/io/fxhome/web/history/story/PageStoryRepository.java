package io.fxhome.web.history.story;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.bookmarks.BookmarkRoots;
import io.fxhome.web.bookmarks.Crumb;
import io.fxhome.web.history.visits.VisitCursor;
import io.fxhome.web.history.visits.VisitPage;
import io.fxhome.web.history.visits.VisitQuery;
import io.fxhome.web.history.visits.VisitRange;
import io.fxhome.web.history.visits.VisitsRepository;
import io.fxhome.web.http.Links;
import io.fxhome.web.jdbc.Sql;

/**
 * One URL's story, each part found by the URL's hash in the account's indexes (history_place_url_idx,
 * bookmark_url_idx, the tabs' primary key) and then compared whole.
 */
@ApplicationScoped
public class PageStoryRepository {
    public static final String PLACES = """
            select guid, title, visit_count, last_visit_at, frecency, fxhome_url_host(url) from history_place
             where account_id = ? and hashtextextended(url, 0) = hashtextextended(?, 0) and url = ?
             order by last_visit_at desc nulls last""";
    public static final String MONTHS = """
            select to_char(to_timestamp(visited_at / 1000000.0) at time zone 'UTC', 'YYYY-MM') as month, count(*),
                   min(visited_at)
              from history_visit where account_id = ? and place_guid = any(?)
             group by month order by month""";
    static final String TABS = """
            select t.client_id, coalesce(d.name, dt.client_name), t.title, t.last_used from tab t
              left join device d on d.account_id = t.account_id and d.client_id = t.client_id
              left join device_tabs dt on dt.account_id = t.account_id and dt.client_id = t.client_id
             where t.account_id = ? and t.url = ?
             order by t.last_used desc nulls last, t.client_id, t.position""";
    public static final String BOOKMARKS = """
            select guid, title, parent_guid, keyword, tags, date_added from bookmark
             where account_id = ? and hashtextextended(url, 0) = hashtextextended(?, 0) and url = ? and kind = 'bookmark'
             order by date_added, guid""";
    static final String PATH = """
            with recursive up (guid, parent_guid, title, depth) as (
                select guid, parent_guid, title, 0 from bookmark where account_id = ? and guid = ?
                union all
                select b.guid, b.parent_guid, b.title, up.depth + 1
                  from bookmark b join up on b.guid = up.parent_guid
                 where b.account_id = ? and up.depth < 64 and up.guid <> 'places')
            select guid, title from up where guid <> 'places' order by depth desc""";

    private final ShardRouter shards;

    public PageStoryRepository(ShardRouter shards) {
        this.shards = shards;
    }

    /** The story of {@code url}; empty when no page, bookmark or tab of the account has it. */
    public Optional<PageStory> story(UUID account, String url, Optional<VisitCursor> after, int limit) {
        try (Connection c = shards.dataSource(account).getConnection()) {
            List<String> guids = new ArrayList<>();
            String title = null;
            String host = null;
            long visitCount = 0;
            Instant last = null;
            int frecency = 0;
            try (PreparedStatement ps = c.prepareStatement(PLACES)) {
                ps.setObject(1, account);
                ps.setString(2, url);
                ps.setString(3, url);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        guids.add(rs.getString(1));
                        title = title == null ? rs.getString(2) : title;
                        visitCount += rs.getLong(3);
                        Instant at = Sql.instant(rs.getTimestamp(4));
                        last = last == null || (at != null && at.isAfter(last)) ? at : last;
                        frecency = Math.max(frecency, rs.getInt(5));
                        host = rs.getString(6);
                    }
                }
            }
            List<MonthVisits> months = new ArrayList<>();
            Instant first = null;
            if (!guids.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(MONTHS)) {
                    ps.setObject(1, account);
                    ps.setArray(2, c.createArrayOf("text", guids.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            months.add(new MonthVisits(rs.getString(1), rs.getLong(2)));
                            first = first == null ? VisitRange.instant(rs.getLong(3)) : first;
                        }
                    }
                }
            }
            List<OpenTab> tabs = tabs(c, account, url);
            List<HoldingFolder> bookmarks = bookmarks(c, account, url);
            if (guids.isEmpty() && tabs.isEmpty() && bookmarks.isEmpty()) {
                return Optional.empty();
            }
            if (title == null) {
                title = !bookmarks.isEmpty() ? bookmarks.get(0).title() : !tabs.isEmpty() ? tabs.get(0).title() : null;
            }
            VisitPage visits = guids.isEmpty() ? new VisitPage(List.of(), null)
                    : VisitsRepository.page(c, new VisitQuery(account, VisitRange.ALL).places(guids).after(after), limit);
            return Optional.of(new PageStory(url, title, Links.linkable(url), host, visitCount, first, last, frecency, tabs,
                    bookmarks, months, visits));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a page's story for account " + account + ": " + e.getMessage(), e);
        }
    }

    private static List<OpenTab> tabs(Connection c, UUID account, String url) throws SQLException {
        List<OpenTab> tabs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(TABS)) {
            ps.setObject(1, account);
            ps.setString(2, url);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tabs.add(new OpenTab(rs.getString(1), rs.getString(2), rs.getString(3), Sql.instant(rs.getTimestamp(4))));
                }
            }
        }
        return tabs;
    }

    private static List<HoldingFolder> bookmarks(Connection c, UUID account, String url) throws SQLException {
        List<HoldingFolder> found = new ArrayList<>();
        List<String> parents = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(BOOKMARKS)) {
            ps.setObject(1, account);
            ps.setString(2, url);
            ps.setString(3, url);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array tags = rs.getArray(5);
                    List<String> tagList = tags == null ? List.of() : List.of((String[]) tags.getArray());
                    found.add(new HoldingFolder(rs.getString(1), rs.getString(2), List.of(), rs.getString(4), tagList,
                            Sql.instant(rs.getTimestamp(6))));
                    parents.add(rs.getString(3));
                }
            }
        }
        List<HoldingFolder> withPaths = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            HoldingFolder b = found.get(i);
            withPaths
                    .add(new HoldingFolder(b.bookmarkGuid(), b.title(), path(c, account, parents.get(i)), b.keyword(), b.tags(),
                            b.dateAdded()));
        }
        return withPaths;
    }

    private static List<Crumb> path(Connection c, UUID account, String folder) throws SQLException {
        List<Crumb> crumbs = new ArrayList<>();
        if (folder == null) {
            return crumbs;
        }
        try (PreparedStatement ps = c.prepareStatement(PATH)) {
            ps.setObject(1, account);
            ps.setString(2, folder);
            ps.setObject(3, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    crumbs.add(new Crumb(rs.getString(1), BookmarkRoots.title(rs.getString(1), rs.getString(2))));
                }
            }
        }
        return crumbs;
    }
}
