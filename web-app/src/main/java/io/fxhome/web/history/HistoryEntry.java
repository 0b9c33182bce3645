package io.fxhome.web.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import io.fxhome.web.http.Links;
import io.fxhome.web.jdbc.Sql;

/** A visited page, placed at its latest visit. */
public record HistoryEntry(String guid, String url, String title, Instant lastVisitAt, int visitCount, boolean linkable) {
    /** The entry in the current row of a query whose first columns are guid, url, title, last_visit_at, visit_count. */
    public static HistoryEntry read(ResultSet rs) throws SQLException {
        String url = rs.getString(2);
        return new HistoryEntry(rs.getString(1), url, rs.getString(3), Sql.instant(rs.getTimestamp(4)), rs.getInt(5),
                Links.linkable(url));
    }
}
