package io.fxhome.web.history.purge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.history.visits.VisitRange;
import io.fxhome.web.problem.Problem;

/**
 * Deletes history from fxhome's copy: the visits of a time range, or every page of a site with its visits. A page left
 * with no visit goes too; one that keeps some gets its counts, last visit and frecency recomputed from what is left,
 * as the worker would have computed them, and bookmarks of the URLs touched take their page's new frecency (V7). It
 * never reaches Firefox or the Sync servers. One transaction; every statement is led by the account.
 */
@ApplicationScoped
public class HistoryPurge {
    public static final String DELETE_RANGE = """
            delete from history_visit where account_id = ? and visited_at >= ? and visited_at < ?
            returning place_guid""";
    public static final String DELETE_SITE_PLACES = """
            delete from history_place where account_id = ? and fxhome_url_host(url) = ?
            returning guid, url""";
    static final String DELETE_PLACE_VISITS = "delete from history_visit where account_id = ? and place_guid = any(?)";
    public static final String RECOUNT = """
            update history_place p
               set visit_count = v.visits, last_visit_at = to_timestamp(v.last / 1000000.0), frecency_visits = v.counted,
                   last_typed_at = to_timestamp(v.typed / 1000000.0)
              from (select g.guid, count(h.visited_at) as visits, max(h.visited_at) as last,
                           count(*) filter (where h.transition in (1, 2, 3, 5, 6)) as counted,
                           max(h.visited_at) filter (where h.transition = 2) as typed
                      from unnest(?::text[]) as g (guid)
                      left join history_visit h on h.account_id = ? and h.place_guid = g.guid
                     group by g.guid) v
             where p.account_id = ? and p.guid = v.guid""";
    static final String DELETE_EMPTY = """
            delete from history_place where account_id = ? and guid = any(?) and visit_count = 0
            returning url""";
    static final String RESCORE = """
            update history_place set frecency = fxhome_stored_page_frecency(account_id, guid, frecency_visits, bookmarked, url)
             where account_id = ? and guid = any(?)
            returning url""";
    static final String BOOKMARK_FRECENCY = """
            update bookmark b
               set frecency = coalesce((select max(p.frecency) from history_place p
                                         where p.account_id = b.account_id
                                           and hashtextextended(p.url, 0) = hashtextextended(b.url, 0)
                                           and p.url = b.url and p.frecency <> 0),
                                       fxhome_page_frecency('{}', '{}', 0, true, b.date_added, b.url))
              from unnest(?::text[]) as u (url)
             where b.account_id = ? and hashtextextended(b.url, 0) = hashtextextended(u.url, 0) and b.url = u.url
               and b.kind = 'bookmark'""";
    static final String FORGET_PICKS = "delete from search_input_history where account_id = ? and url = any(?)";

    private final ShardRouter shards;

    public HistoryPurge(ShardRouter shards) {
        this.shards = shards;
    }

    /** The one rule for the API and the HTML4 form: a site, or a range with at least one end, never both. */
    public PurgeResult purge(UUID account, PurgeRequest request) {
        if (request == null) {
            throw Problem.badRequest("Name a time range (from, to) or a site (host) to delete.");
        }
        boolean site = request.host() != null && !request.host().isBlank();
        boolean range = (request.from() != null && !request.from().isBlank())
                || (request.to() != null && !request.to().isBlank());
        if (site == range) {
            throw Problem.badRequest("Name either a time range (from, to) or a site (host) to delete, not both.");
        }
        if (site) {
            if (request.host().indexOf('\0') >= 0) {
                throw Problem.badRequest("The site holds a NUL character.");
            }
            return site(account, request.host().strip().toLowerCase(Locale.ROOT));
        }
        return range(account, VisitRange.parse(request.from(), request.to()));
    }

    public PurgeResult range(UUID account, VisitRange range) {
        return inTransaction(account, c -> {
            List<String> touched = new ArrayList<>();
            long visits = 0;
            try (PreparedStatement ps = c.prepareStatement(DELETE_RANGE)) {
                ps.setObject(1, account);
                ps.setLong(2, range.fromMicros());
                ps.setLong(3, range.toMicros());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        visits++;
                        touched.add(rs.getString(1));
                    }
                }
            }
            String[] places = touched.stream().distinct().toArray(String[]::new);
            if (places.length == 0) {
                return new PurgeResult(0, 0);
            }
            try (PreparedStatement ps = c.prepareStatement(RECOUNT)) {
                ps.setArray(1, c.createArrayOf("text", places));
                ps.setObject(2, account);
                ps.setObject(3, account);
                ps.executeUpdate();
            }
            List<String> goneUrls = strings(c, DELETE_EMPTY, account, places);
            List<String> urls = new ArrayList<>(strings(c, RESCORE, account, places));
            urls.addAll(goneUrls);
            passOn(c, account, urls, goneUrls);
            return new PurgeResult(visits, goneUrls.size());
        });
    }

    public PurgeResult site(UUID account, String host) {
        return inTransaction(account, c -> {
            List<String> guids = new ArrayList<>();
            List<String> urls = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(DELETE_SITE_PLACES)) {
                ps.setObject(1, account);
                ps.setString(2, host);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        guids.add(rs.getString(1));
                        urls.add(rs.getString(2));
                    }
                }
            }
            if (guids.isEmpty()) {
                return new PurgeResult(0, 0);
            }
            long visits;
            try (PreparedStatement ps = c.prepareStatement(DELETE_PLACE_VISITS)) {
                ps.setObject(1, account);
                ps.setArray(2, c.createArrayOf("text", guids.toArray()));
                visits = ps.executeUpdate();
            }
            passOn(c, account, urls, urls);
            return new PurgeResult(visits, guids.size());
        });
    }

    /** Bookmarks of the touched URLs take their page's new score; adaptive history forgets the pages that went. */
    private static void passOn(Connection c, UUID account, List<String> touchedUrls, List<String> goneUrls)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BOOKMARK_FRECENCY)) {
            ps.setArray(1, c.createArrayOf("text", touchedUrls.stream().distinct().toArray()));
            ps.setObject(2, account);
            ps.executeUpdate();
        }
        if (!goneUrls.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(FORGET_PICKS)) {
                ps.setObject(1, account);
                ps.setArray(2, c.createArrayOf("text", goneUrls.toArray()));
                ps.executeUpdate();
            }
        }
    }

    private static List<String> strings(Connection c, String sql, UUID account, String[] guids) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, account);
            ps.setArray(2, c.createArrayOf("text", guids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private interface Work {
        PurgeResult run(Connection c) throws SQLException;
    }

    private PurgeResult inTransaction(UUID account, Work work) {
        try (Connection c = shards.dataSource(account).getConnection()) {
            c.setAutoCommit(false);
            try {
                PurgeResult result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot purge history of account " + account + ": " + e.getMessage(), e);
        }
    }
}
