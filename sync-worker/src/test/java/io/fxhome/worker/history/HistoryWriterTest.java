package io.fxhome.worker.history;

import static io.fxhome.worker.TestAccounts.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.worker.TestAccounts;

import io.fxhome.worker.db.Transactions;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class HistoryWriterTest {
    @Inject
    AgroalDataSource ds;

    @Test
    void visitsAreMergedNeverReplaced() throws SQLException {
        UUID account = TestAccounts.create(ds);
        Transactions tx = new Transactions(ds);
        // First sync: the record carries two visits.
        tx.inTransaction(c -> new HistoryWriter(c).write(account, List.of(place("aaaaaaaaaaaa", "Old title",
                new VisitRow(1_700_000_000_000_000L, 1), new VisitRow(1_700_000_100_000_000L, 2)))));
        // Later the record was re-uploaded with its latest visits only: one old, one new; the oldest fell off.
        tx.inTransaction(c -> new HistoryWriter(c).write(account, List.of(place("aaaaaaaaaaaa", "New <b>title</b>\0",
                new VisitRow(1_700_000_100_000_000L, 2), new VisitRow(1_700_000_200_000_000L, 1)))));

        try (Connection c = ds.getConnection()) {
            assertThat(query(c, "select title, visit_count, extract(epoch from last_visit_at)::bigint from history_place where account_id = ?", account))
                    .containsExactly("New <b>title</b>\uFFFD|3|1700000200");
            assertThat(query(c, "select visited_at, transition from history_visit where account_id = ? order by visited_at", account))
                    .containsExactly("1700000000000000|1", "1700000100000000|2", "1700000200000000|1");
        }
    }

    @Test
    void duplicatesInOnePageAndTabsInStringsAreHandled() throws SQLException {
        UUID account = TestAccounts.create(ds);
        new Transactions(ds).inTransaction(c -> new HistoryWriter(c).write(account, List.of(
                place("bbbbbbbbbbbb", "first", new VisitRow(1L, 1)),
                place("bbbbbbbbbbbb", "tab\there\\ and newline\n", new VisitRow(1L, 1), new VisitRow(2L, 5)))));
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, "select title, visit_count from history_place where account_id = ?", account))
                    .containsExactly("tab\there\\ and newline\n|2");
        }
    }

    @Test
    void tombstonesRemoveThePlaceAndItsVisits() throws SQLException {
        UUID account = TestAccounts.create(ds);
        UUID other = TestAccounts.create(ds);
        Transactions tx = new Transactions(ds);
        for (UUID a : List.of(account, other)) {
            tx.inTransaction(c -> new HistoryWriter(c).write(a, List.of(place("cccccccccccc", "x", new VisitRow(5L, 1)))));
        }
        tx.inTransaction(c -> new HistoryWriter(c).delete(account, List.of("cccccccccccc")));
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, "select guid from history_place where account_id = ?", account)).isEmpty();
            assertThat(query(c, "select place_guid from history_visit where account_id = ?", account)).isEmpty();
            // Another account's copy of the same guid is untouched.
            assertThat(query(c, "select guid from history_place where account_id = ?", other)).containsExactly("cccccccccccc");
        }
    }

    static HistoryPlaceRow place(String guid, String title, VisitRow... visits) {
        return new HistoryPlaceRow(guid, "https://example.com/" + guid, title, new BigDecimal("1700000000.12"), List.of(visits));
    }
}
