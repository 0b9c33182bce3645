package io.fxhome.web.history.visits;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One statement over an account's visits, newest or oldest first, each with its page: a time range, optionally one
 * site's pages, words every page must match, or given pages only, and a cursor. The range and the cursor are
 * conditions of {@code history_visit_time_idx} (V18), whose key starts with the account: a page of visits reads only
 * its own rows and stops at the limit.
 */
public final class VisitQuery {
    private final UUID account;
    private final VisitRange range;
    private boolean oldestFirst;
    private Optional<VisitCursor> after = Optional.empty();
    private String host;
    private List<String> words = List.of();
    private List<String> places;

    public VisitQuery(UUID account, VisitRange range) {
        this.account = account;
        this.range = range;
    }

    public VisitQuery oldestFirst(boolean oldest) {
        this.oldestFirst = oldest;
        return this;
    }

    public VisitQuery after(Optional<VisitCursor> cursor) {
        this.after = cursor;
        return this;
    }

    /** Only pages of this site (a host as {@code fxhome_url_host} gives it: lower case, no {@code www.}). */
    public VisitQuery host(String host) {
        this.host = host;
        return this;
    }

    /** Only pages whose title or URL holds every word, case and accents ignored (as the address bar matches). */
    public VisitQuery words(List<String> words) {
        this.words = List.copyOf(words);
        return this;
    }

    /** Only the visits of these pages (guids). */
    public VisitQuery places(List<String> guids) {
        this.places = List.copyOf(guids);
        return this;
    }

    public boolean isOldestFirst() {
        return oldestFirst;
    }

    /** The statement for a page of {@code limit} visits (it asks for one more, to know whether another page follows). */
    public String sql() {
        String compare = oldestFirst ? ">" : "<";
        String direction = oldestFirst ? "asc" : "desc";
        // Visits lead unless a site or pages narrow the places: then the places are found first and their visits
        // through the primary key. LIMIT 1 keeps the lateral lookup from being flattened into a join the planner would
        // drive from the places (reading all of the account's pages and sorting their visits for one page of a range).
        StringBuilder sql = new StringBuilder(
                "select p.url, p.title, v.visited_at, v.transition, v.place_guid\n  from history_visit v\n");
        sql.append(host == null && places == null ? """
                  cross join lateral (select url, title, match_text from history_place p
                                       where p.account_id = ? and p.guid = v.place_guid limit 1) p
                """ : """
                  join history_place p on p.account_id = ? and p.guid = v.place_guid
                """);
        sql.append(" where v.account_id = ? and v.visited_at >= ? and v.visited_at < ?");
        after.ifPresent(a -> sql.append("\n   and (v.visited_at, v.place_guid, v.transition) ").append(compare)
                .append(" (?, ?, ?)"));
        if (host != null) {
            sql.append("\n   and fxhome_url_host(p.url) = ?");
        }
        if (places != null) {
            sql.append("\n   and v.place_guid = any(?)");
        }
        for (int i = 0; i < words.size(); i++) {
            sql.append("\n   and p.match_text like '%' || fxhome_fold(?) || '%'");
        }
        sql.append("\n order by v.visited_at ").append(direction).append(", v.place_guid ").append(direction)
                .append(", v.transition ").append(direction).append("\n limit ?");
        return sql.toString();
    }

    /** The values of {@link #sql()}'s parameters, in order; a list of guids is a {@code String[]}. */
    public List<Object> params(int limit) {
        List<Object> p = new ArrayList<>(List.of(account, account, range.fromMicros(), range.toMicros()));
        after.ifPresent(a -> {
            p.add(a.micros());
            p.add(a.placeGuid());
            p.add((short) a.transition());
        });
        if (host != null) {
            p.add(host);
        }
        if (places != null) {
            p.add(places.toArray(String[]::new));
        }
        for (String w : words) {
            p.add(likeEscaped(w));
        }
        p.add(limit + 1);
        return p;
    }

    /** A word as a LIKE pattern matching itself: {@code %}, {@code _} and the escape character are escaped. */
    static String likeEscaped(String word) {
        return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
