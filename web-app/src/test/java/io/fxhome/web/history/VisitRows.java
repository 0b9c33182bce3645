package io.fxhome.web.history;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;

import javax.sql.DataSource;

import io.fxhome.web.history.visits.VisitRange;
import io.fxhome.web.testsupport.TestData;

/** Pages with their visits, written as the worker writes them (counts and last visit from the visits). */
public final class VisitRows {
    private final DataSource ds;
    public final UUID account;

    public VisitRows(DataSource ds, UUID account) {
        this.ds = ds;
        this.account = account;
    }

    /** A visit: when, and its transition number. */
    public record At(Instant when, int transition) {
        public static At link(String iso) {
            return new At(Instant.parse(iso), 1);
        }

        public static At of(String iso, int transition) {
            return new At(Instant.parse(iso), transition);
        }
    }

    public VisitRows page(String guid, String url, String title, At... visits) throws SQLException {
        Instant last = Arrays.stream(visits).map(At::when).max(Comparator.naturalOrder()).orElse(null);
        TestData.exec(ds, """
                insert into history_place (account_id, guid, url, title, visit_count, frecency_visits, last_visit_at)
                values (?, ?, ?, ?, ?, ?, ?)""", account, guid, url, title, visits.length, visits.length,
                last == null ? null : Timestamp.from(last));
        for (At v : visits) {
            TestData.exec(ds, "insert into history_visit (account_id, place_guid, visited_at, transition) values (?, ?, ?, ?)",
                    account, guid, VisitRange.micros(v.when()), (short) v.transition());
        }
        return this;
    }
}
