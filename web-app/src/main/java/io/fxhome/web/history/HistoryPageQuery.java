package io.fxhome.web.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Runs a query of history pages newest first, by keyset on (last visit, guid): the history list and a site's pages.
 * The query selects guid, url, title, last_visit_at, visit_count, has a {@code %s} where the keyset condition goes, and
 * ends with {@code limit ?}.
 */
public final class HistoryPageQuery {
    /** The keyset condition of a page after a cursor. */
    public static final String AFTER = "and (last_visit_at, guid) < (?, ?)";

    private HistoryPageQuery() {
    }

    /** The page: parameters {@code leading}, then the cursor's (if any), then the limit (one more, to see a next page). */
    public static HistoryPage run(DataSource database, String query, List<Object> leading, Optional<HistoryCursor> after,
            int limit) throws SQLException {
        List<HistoryEntry> items = new ArrayList<>();
        try (Connection c = database.getConnection();
                PreparedStatement ps = c.prepareStatement(query.formatted(after.isPresent() ? AFTER : ""))) {
            int i = 1;
            for (Object p : leading) {
                ps.setObject(i++, p);
            }
            if (after.isPresent()) {
                ps.setTimestamp(i++, Timestamp.from(after.get().before()));
                ps.setString(i++, after.get().guid());
            }
            ps.setInt(i, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(HistoryEntry.read(rs));
                }
            }
        }
        return HistoryPage.of(items, limit);
    }
}
