package io.fxhome.web.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.fxhome.web.http.Links;
import io.fxhome.web.http.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Address-bar search over the account's open tabs, bookmarks and history: every word must appear in the title or the
 * URL (case-insensitive); a URL found in several places appears once, as a tab before a bookmark before history;
 * results are ordered by their latest visit (for a tab, its last use), then by visit count.
 * <p>
 * This first version scans the account's rows with ILIKE. It is the one class to replace when the ranking becomes
 * Firefox's frecency with its own indexes: callers only see {@link #search}.
 */
@ApplicationScoped
public class SearchService {
    private static final int MAX_WORDS = 8;
    private static final int MAX_WORD_LENGTH = 100;

    private final AgroalDataSource ds;

    public SearchService(AgroalDataSource ds) {
        this.ds = ds;
    }

    /** Splits the query into words; an empty list matches nothing. */
    static List<String> words(String query) {
        if (query == null) {
            return List.of();
        }
        return Arrays.stream(query.trim().toLowerCase(Locale.ROOT).split("\\s+")).filter(w -> !w.isEmpty())
                .map(w -> w.length() > MAX_WORD_LENGTH ? w.substring(0, MAX_WORD_LENGTH) : w).distinct().limit(MAX_WORDS).toList();
    }

    public List<SearchResult> search(UUID accountId, String query, int limit) {
        List<String> words = words(query);
        if (words.isEmpty()) {
            return List.of();
        }
        String match = String.join(" and ", java.util.Collections.nCopies(words.size(),
                "(coalesce(%1$s.title, '') ilike ? escape '\\' or %1$s.url ilike ? escape '\\')"));
        String sql = """
                with hits as (
                    select t.url, t.title, 1 as pref, t.last_used as seen
                      from tab t join device d on d.account_id = t.account_id and d.client_id = t.client_id
                     where t.account_id = ? and %s
                    union all
                    select b.url, b.title, 2, null::timestamptz from bookmark b
                     where b.account_id = ? and b.kind = 'bookmark' and b.url is not null and %s
                    union all
                    select h.url, h.title, 3, h.last_visit_at from history_place h
                     where h.account_id = ? and %s
                ), best as (
                    select distinct on (url) url, title, pref, seen from hits order by url, pref, seen desc nulls last
                ), visits as (
                    select h.url, max(h.last_visit_at) as last_visit, sum(h.visit_count) as visit_count
                      from history_place h where h.account_id = ? and h.url in (select url from best) group by h.url
                )
                select b.url, b.title, b.pref, v.last_visit, coalesce(v.visit_count, 0)
                  from best b left join visits v on v.url = b.url
                 order by greatest(v.last_visit, b.seen) desc nulls last, coalesce(v.visit_count, 0) desc, b.url
                 limit ?""".formatted(match.formatted("t"), match.formatted("b"), match.formatted("h"));
        List<SearchResult> results = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (int source = 0; source < 3; source++) {
                ps.setObject(i++, accountId);
                for (String w : words) {
                    String like = Sql.likeContains(w);
                    ps.setString(i++, like);
                    ps.setString(i++, like);
                }
            }
            ps.setObject(i++, accountId);
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String url = rs.getString(1);
                    String source = switch (rs.getInt(3)) {
                        case 1 -> "tab";
                        case 2 -> "bookmark";
                        default -> "history";
                    };
                    results.add(new SearchResult(url, rs.getString(2), source, Sql.instant(rs.getTimestamp(4)), rs.getInt(5),
                            Links.linkable(url)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot search the data of account " + accountId + ": " + e.getMessage(), e);
        }
        return results;
    }
}
