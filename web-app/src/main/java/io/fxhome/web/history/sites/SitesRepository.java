package io.fxhome.web.history.sites;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.history.HistoryCursor;
import io.fxhome.web.history.HistoryPage;
import io.fxhome.web.history.HistoryPageQuery;
import io.fxhome.web.history.visits.VisitRange;
import io.fxhome.web.jdbc.Sql;

/**
 * Sites and their pages, through {@code history_place_host_idx} (V18): the sites are the account's places grouped by
 * host in that index's order; a site's pages are one range of it, newest first. Pages without a host (javascript:,
 * data:, file: and other non-web addresses) belong to no site.
 */
@ApplicationScoped
public class SitesRepository {
    public static final String SITES = """
            select fxhome_url_host(url) as host, sum(visit_count), count(*), max(last_visit_at) as last
              from history_place
             where account_id = ? and fxhome_url_host(url) is not null and last_visit_at is not null
             group by fxhome_url_host(url)
            %s
             order by last desc, host desc
             limit ?""";
    public static final String PAGES = """
            select guid, url, title, last_visit_at, visit_count from history_place
             where account_id = ? and fxhome_url_host(url) = ? and last_visit_at is not null %s
             order by last_visit_at desc, guid desc
             limit ?""";

    private final ShardRouter shards;

    public SitesRepository(ShardRouter shards) {
        this.shards = shards;
    }

    public SitePage sites(UUID account, Optional<SiteCursor> after, int limit) {
        String sql = SITES.formatted(after.isPresent() ? " having (max(last_visit_at), fxhome_url_host(url)) < (?, ?)" : "");
        List<Site> items = new ArrayList<>();
        try (Connection c = shards.dataSource(account).getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, account);
            if (after.isPresent()) {
                ps.setTimestamp(i++, Timestamp.from(after.get().lastVisit()));
                ps.setString(i++, after.get().host());
            }
            ps.setInt(i, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new Site(rs.getString(1), rs.getLong(2), rs.getLong(3), Sql.instant(rs.getTimestamp(4))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sites of account " + account + ": " + e.getMessage(), e);
        }
        if (items.size() <= limit) {
            return new SitePage(items, null);
        }
        List<Site> page = List.copyOf(items.subList(0, limit));
        Site last = page.get(limit - 1);
        return new SitePage(page, new SiteCursor(VisitRange.micros(last.lastVisitAt()), last.host()).encode());
    }

    /** A site's pages, newest first, by keyset on (last visit, guid) as the history list pages. */
    public HistoryPage pages(UUID account, String host, Optional<HistoryCursor> after, int limit) {
        try {
            return HistoryPageQuery.run(shards.dataSource(account), PAGES, List.of(account, host), after, limit);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the pages of a site of account " + account + ": " + e.getMessage(), e);
        }
    }
}
