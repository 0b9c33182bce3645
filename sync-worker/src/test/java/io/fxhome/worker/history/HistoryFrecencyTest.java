package io.fxhome.worker.history;

import static io.fxhome.worker.AccountRows.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.account.testing.TestAccounts;
import io.fxhome.worker.bookmarks.BookmarkRow;
import io.fxhome.worker.bookmarks.BookmarkWriter;
import io.fxhome.worker.db.Transactions;
import io.fxhome.worker.frecency.Frecency;
import io.fxhome.worker.frecency.Visit;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Firefox's frecency as the writers store it: the archive's older visits in the sample, and the weight a bookmark
 * gives, both ways. The rule itself: FrecencyTest.
 */
@QuarkusTest
class HistoryFrecencyTest {
    private static final long DAY = 86_400_000_000L;
    /** 2023-11-14, day 19675 since the epoch. */
    private static final long T = 1_700_000_000_000_000L;

    @Inject
    AgroalDataSource ds;

    @Test
    void laterPagesScoreFromTheWholeArchive() throws SQLException {
        UUID account = new TestAccounts(ds).create();
        Transactions tx = new Transactions(ds);
        // First sync: two typed visits. Then the record comes back with only its latest visit and a new link visit.
        tx.inTransaction(c -> new HistoryWriter(c).write(account,
                List.of(place("aaaaaaaaaaaa", new Visit(T - 2 * DAY, 2), new Visit(T - DAY, 2)))));
        tx.inTransaction(c -> new HistoryWriter(c).write(account,
                List.of(place("aaaaaaaaaaaa", new Visit(T - DAY, 2), new Visit(T, 1)))));
        int expected = Frecency.of(Frecency.sample(Set.of(new Visit(T - 2 * DAY, 2), new Visit(T - DAY, 2), new Visit(T, 1))),
                3, false,
                "https://example.com/aaaaaaaaaaaa");
        try (Connection c = ds.getConnection()) {
            assertThat(
                    query(c, "select visit_count, frecency_visits, frecency from history_place where account_id = ?", account))
                    .containsExactly("3|3|" + expected);
            // A download adds a visit but no weight: the count Firefox uses does not move.
        }
        tx.inTransaction(
                c -> new HistoryWriter(c).write(account, List.of(place("aaaaaaaaaaaa", new Visit(T, 1), new Visit(T + 1, 7)))));
        try (Connection c = ds.getConnection()) {
            assertThat(
                    query(c, "select visit_count, frecency_visits, frecency from history_place where account_id = ?", account))
                    .containsExactly("4|3|" + expected);
        }
    }

    @Test
    void bookmarksGiveWeightAndTakeTheirPagesScore() throws SQLException {
        UUID account = new TestAccounts(ds).create();
        Transactions tx = new Transactions(ds);
        String url = "https://example.com/bbbbbbbbbbbb";
        tx.inTransaction(c -> new HistoryWriter(c).write(account, List.of(place("bbbbbbbbbbbb", new Visit(T, 1)))));
        // Bookmarked after: the page is re-scored as bookmarked (its link visit now weighs 100), the bookmark takes it.
        Instant added = Instant.parse("2020-01-01T00:00:00Z");
        tx.inTransaction(c -> {
            BookmarkWriter w = new BookmarkWriter(c);
            w.write(account, List.of(bookmark("bm1", url, added), bookmark("bm2", "https://never.example/", added)));
            w.reposition(account);
            return null;
        });
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, "select bookmarked, frecency from history_place where account_id = ?", account))
                    .containsExactly("t|" + (19675 + 199));
            // An unvisited bookmark scores one 100 sample on its date added: 2020-01-01 is day 18262.
            assertThat(query(c, "select guid, frecency from bookmark where account_id = ? and kind = 'bookmark' order by guid",
                    account))
                    .containsExactly("bm1|" + (19675 + 199), "bm2|" + (18262 + 199));
        }
        // A new visit raises page and bookmark together, in the history writer's one statement.
        tx.inTransaction(c -> new HistoryWriter(c).write(account,
                List.of(place("bbbbbbbbbbbb", new Visit(T, 1), new Visit(T + DAY, 1)))));
        int twoVisits = Frecency.of(Frecency.sample(Set.of(new Visit(T, 1), new Visit(T + DAY, 1))), 2, true, url);
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, "select frecency from bookmark where account_id = ? and guid = 'bm1'", account))
                    .containsExactly("" + twoVisits);
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
                    .containsExactly(
                            "f|" + Frecency.of(Frecency.sample(Set.of(new Visit(T, 1), new Visit(T + DAY, 1))), 2, false, url));
        }
        tx.inTransaction(c -> {
            BookmarkWriter w = new BookmarkWriter(c);
            w.write(account, List.of(bookmark("bm3", url, added)));
            w.reposition(account);
            return null;
        });
        tx.inTransaction(c -> new HistoryWriter(c).delete(account, List.of("bbbbbbbbbbbb")));
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, "select frecency from bookmark where account_id = ? and guid = 'bm3'", account))
                    .containsExactly("" + (18262 + 199));
        }
    }

    static HistoryPlaceRow place(String guid, Visit... visits) {
        return HistoryWriterTest.place(guid, "Title " + guid, visits);
    }

    static BookmarkRow bookmark(String guid, String url, Instant added) {
        return new BookmarkRow(guid, "toolbar", "bookmark", "Bookmark " + guid, url, List.of(), null, null, added,
                new BigDecimal("1700000000.12"), null);
    }
}
