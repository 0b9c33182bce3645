package io.fxhome.worker.history;

import static io.fxhome.worker.AccountRows.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.account.testing.TestAccounts;
import io.fxhome.worker.bookmarks.BookmarkRow;
import io.fxhome.worker.bookmarks.BookmarkWriter;
import io.fxhome.worker.db.Transactions;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Firefox's frecency as the worker stores it: known values worked out by hand from Firefox's formula, the Java
 * computation (new pages) equal to the SQL function (pages already held) on random visit sets, the archive's older
 * visits in the sample, and the weight a bookmark gives, both ways.
 */
@QuarkusTest
class FrecencyTest {
    private static final long DAY = 86_400_000_000L;
    /** 2023-11-14, day 19675 since the epoch. */
    private static final long T = 1_700_000_000_000_000L;
    private static final double LAMBDA = Math.log(2) / 30;

    @Inject
    AgroalDataSource ds;

    @Test
    void knownValues() {
        // One link visit: day + ln(50) / λ = 19675 + 169.
        assertThat(of(new VisitRow(T, 1))).isEqualTo(19675 + 169);
        // A typed visit weighs 100: + ln(100) / λ = 199.
        assertThat(of(new VisitRow(T, 2))).isEqualTo(19675 + 199);
        // A link today and one 30 days earlier (half-life: weighs half): (50 + 25) / 2 * 2 = 75.
        assertThat(of(new VisitRow(T, 1), new VisitRow(T - 30 * DAY, 1))).isEqualTo(19675 + (int) (Math.log(75) / LAMBDA));
        // Downloads, framed links and reloads are not sampled; embeds weigh 20; nothing sampled is 0.
        assertThat(of(new VisitRow(T, 7), new VisitRow(T, 9))).isZero();
        assertThat(of(new VisitRow(T, 4))).isEqualTo(19675 + (int) (Math.log(20) / LAMBDA));
        // Only the 10 latest count in the mean; the visit count multiplies it (12 counted visits).
        List<VisitRow> twelve = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            twelve.add(new VisitRow(T - i * DAY, i < 10 ? 1 : 2));
        }
        double sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += 50 * Math.exp(-LAMBDA * i);
        }
        assertThat(of(twelve.toArray(VisitRow[]::new))).isEqualTo(19675 + (int) (Math.log(sum / 10 * 12) / LAMBDA));
        // A place: query scores 0, as in Firefox.
        Set<VisitRow> one = Set.of(new VisitRow(T, 2));
        assertThat(Frecency.of(Frecency.sample(one), 1, false, "place:sort=8")).isZero();
        // A bookmarked page's visits all weigh 100.
        assertThat(Frecency.of(Frecency.sample(Set.of(new VisitRow(T, 1))), 1, true, "https://x.example/")).isEqualTo(19675 + 199);
    }

    @Test
    void javaAndSqlAgreeOnRandomVisits() throws SQLException {
        Random random = new Random(7);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select fxhome_page_frecency(?::bigint[], ?::smallint[], ?, ?, null, 'https://x.example/')")) {
            for (int n = 0; n < 500; n++) {
                Set<VisitRow> visits = new LinkedHashSet<>();
                int count = 1 + random.nextInt(25);
                for (int i = 0; i < count; i++) {
                    visits.add(new VisitRow(T - (long) (random.nextDouble() * 400 * DAY), 1 + random.nextInt(9)));
                }
                boolean bookmarked = random.nextInt(4) == 0;
                List<VisitRow> sample = Frecency.sample(visits);
                int counted = Frecency.countedVisits(visits);
                ps.setArray(1, c.createArrayOf("bigint", sample.stream().map(VisitRow::visitedAtMicros).toArray()));
                ps.setArray(2, c.createArrayOf("smallint", sample.stream().map(v -> (short) v.transition()).toArray()));
                ps.setInt(3, counted);
                ps.setBoolean(4, bookmarked);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("visits %s, bookmarked %s", visits, bookmarked)
                            .isEqualTo(Frecency.of(sample, counted, bookmarked, "https://x.example/"));
                }
            }
        }
    }

    @Test
    void laterPagesScoreFromTheWholeArchive() throws SQLException {
        UUID account = new TestAccounts(ds).create();
        Transactions tx = new Transactions(ds);
        // First sync: two typed visits. Then the record comes back with only its latest visit and a new link visit.
        tx.inTransaction(c -> new HistoryWriter(c).write(account, List.of(place("aaaaaaaaaaaa", new VisitRow(T - 2 * DAY, 2), new VisitRow(T - DAY, 2)))));
        tx.inTransaction(c -> new HistoryWriter(c).write(account, List.of(place("aaaaaaaaaaaa", new VisitRow(T - DAY, 2), new VisitRow(T, 1)))));
        int expected = Frecency.of(Frecency.sample(Set.of(new VisitRow(T - 2 * DAY, 2), new VisitRow(T - DAY, 2), new VisitRow(T, 1))), 3, false,
                "https://example.com/aaaaaaaaaaaa");
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, "select visit_count, frecency_visits, frecency from history_place where account_id = ?", account))
                    .containsExactly("3|3|" + expected);
            // A download adds a visit but no weight: the count Firefox uses does not move.
        }
        tx.inTransaction(c -> new HistoryWriter(c).write(account, List.of(place("aaaaaaaaaaaa", new VisitRow(T, 1), new VisitRow(T + 1, 7)))));
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, "select visit_count, frecency_visits, frecency from history_place where account_id = ?", account))
                    .containsExactly("4|3|" + expected);
        }
    }

    @Test
    void bookmarksGiveWeightAndTakeTheirPagesScore() throws SQLException {
        UUID account = new TestAccounts(ds).create();
        Transactions tx = new Transactions(ds);
        String url = "https://example.com/bbbbbbbbbbbb";
        tx.inTransaction(c -> new HistoryWriter(c).write(account, List.of(place("bbbbbbbbbbbb", new VisitRow(T, 1)))));
        // Bookmarked after: the page is re-scored as bookmarked (its link visit now weighs 100), the bookmark takes it.
        Instant added = Instant.parse("2020-01-01T00:00:00Z");
        tx.inTransaction(c -> {
            BookmarkWriter w = new BookmarkWriter(c);
            w.write(account, List.of(bookmark("bm1", url, added), bookmark("bm2", "https://never.example/", added)));
            w.reposition(account);
            return null;
        });
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, "select bookmarked, frecency from history_place where account_id = ?", account)).containsExactly("t|" + (19675 + 199));
            // An unvisited bookmark scores one 100 sample on its date added: 2020-01-01 is day 18262.
            assertThat(query(c, "select guid, frecency from bookmark where account_id = ? and kind = 'bookmark' order by guid", account))
                    .containsExactly("bm1|" + (19675 + 199), "bm2|" + (18262 + 199));
        }
        // A new visit raises page and bookmark together, in the history writer's one statement.
        tx.inTransaction(c -> new HistoryWriter(c).write(account, List.of(place("bbbbbbbbbbbb", new VisitRow(T, 1), new VisitRow(T + DAY, 1)))));
        int twoVisits = Frecency.of(Frecency.sample(Set.of(new VisitRow(T, 1), new VisitRow(T + DAY, 1))), 2, true, url);
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, "select frecency from bookmark where account_id = ? and guid = 'bm1'", account)).containsExactly("" + twoVisits);
        }
        // Unbookmarked: back to a link's weight. The page's tombstone: the bookmark falls back to its date added.
        tx.inTransaction(c -> {
            BookmarkWriter w = new BookmarkWriter(c);
            w.delete(account, List.of("bm1"));
            w.reposition(account);
            return null;
        });
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, "select bookmarked, frecency from history_place where account_id = ?", account))
                    .containsExactly("f|" + Frecency.of(Frecency.sample(Set.of(new VisitRow(T, 1), new VisitRow(T + DAY, 1))), 2, false, url));
        }
        tx.inTransaction(c -> {
            BookmarkWriter w = new BookmarkWriter(c);
            w.write(account, List.of(bookmark("bm3", url, added)));
            w.reposition(account);
            return null;
        });
        tx.inTransaction(c -> new HistoryWriter(c).delete(account, List.of("bbbbbbbbbbbb")));
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, "select frecency from bookmark where account_id = ? and guid = 'bm3'", account)).containsExactly("" + (18262 + 199));
        }
    }

    private static int of(VisitRow... visits) {
        Set<VisitRow> distinct = new LinkedHashSet<>(List.of(visits));
        return Frecency.of(Frecency.sample(distinct), Frecency.countedVisits(distinct), false, "https://x.example/");
    }

    static HistoryPlaceRow place(String guid, VisitRow... visits) {
        return new HistoryPlaceRow(guid, "https://example.com/" + guid, "Title " + guid, new BigDecimal("1700000000.12"), List.of(visits));
    }

    static BookmarkRow bookmark(String guid, String url, Instant added) {
        return new BookmarkRow(guid, "toolbar", "bookmark", "Bookmark " + guid, url, List.of(), null, null, added,
                new BigDecimal("1700000000.12"), null);
    }
}
