package io.fxhome.worker.history;

import static io.fxhome.worker.AccountRows.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.account.testing.TestAccounts;
import io.fxhome.worker.db.Transactions;
import io.fxhome.worker.frecency.BookmarkFrecency;
import io.fxhome.worker.frecency.Visit;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HistoryWriterTest {
    @Inject
    AgroalDataSource ds;

    @Test
    void visitsAreMergedNeverReplaced() throws SQLException {
        UUID account = new TestAccounts(ds).create();
        Transactions tx = new Transactions(ds);
        // First sync: the record carries two visits.
        tx.inTransaction(c -> new HistoryWriter(c).write(account, List.of(place("aaaaaaaaaaaa", "Old title",
                new Visit(1_700_000_000_000_000L, 1), new Visit(1_700_000_100_000_000L, 2)))));
        // Later the record was re-uploaded with its latest visits only: one old, one new; the oldest fell off.
        tx.inTransaction(c -> new HistoryWriter(c).write(account, List.of(place("aaaaaaaaaaaa", "New <b>title</b>\0",
                new Visit(1_700_000_100_000_000L, 2), new Visit(1_700_000_200_000_000L, 1)))));

        try (Connection c = ds.getConnection()) {
            assertThat(query(c,
                    "select title, visit_count, extract(epoch from last_visit_at)::bigint from history_place where account_id = ?",
                    account))
                    .containsExactly("New <b>title</b>\uFFFD|3|1700000200");
            assertThat(query(c, "select visited_at, transition from history_visit where account_id = ? order by visited_at",
                    account))
                    .containsExactly("1700000000000000|1", "1700000100000000|2", "1700000200000000|1");
        }
    }

    @Test
    void duplicatesInOnePageAndTabsInStringsAreHandled() throws SQLException {
        UUID account = new TestAccounts(ds).create();
        new Transactions(ds).inTransaction(c -> new HistoryWriter(c).write(account, List.of(
                place("bbbbbbbbbbbb", "first", new Visit(1L, 1)),
                place("bbbbbbbbbbbb", "tab\there\\ and newline\n", new Visit(1L, 1), new Visit(2L, 5)))));
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, "select title, visit_count from history_place where account_id = ?", account))
                    .containsExactly("tab\there\\ and newline\n|2");
        }
    }

    @Test
    void tombstonesRemoveThePlaceAndItsVisits() throws SQLException {
        UUID account = new TestAccounts(ds).create();
        UUID other = new TestAccounts(ds).create();
        Transactions tx = new Transactions(ds);
        for (UUID a : List.of(account, other)) {
            tx.inTransaction(c -> new HistoryWriter(c).write(a, List.of(place("cccccccccccc", "x", new Visit(5L, 1)))));
        }
        tx.inTransaction(c -> new HistoryWriter(c).delete(account, List.of("cccccccccccc")));
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, "select guid from history_place where account_id = ?", account)).isEmpty();
            assertThat(query(c, "select place_guid from history_visit where account_id = ?", account)).isEmpty();
            // Another account's copy of the same guid is untouched.
            assertThat(query(c, "select guid from history_place where account_id = ?", other)).containsExactly("cccccccccccc");
        }
    }

    @Test
    void appendingIntoAnEmptyArchiveWritesTheRowsAMergeWould() throws SQLException {
        UUID appended = new TestAccounts(ds).create();
        UUID merged = new TestAccounts(ds).create();
        Transactions tx = new Transactions(ds);
        List<HistoryPlaceRow> page = List.of(
                place("dddddddddd01", "typed and linked", new Visit(1_700_000_000_000_000L, 2),
                        new Visit(1_700_000_500_000_000L, 1)),
                place("dddddddddd02", "duplicate visits", new Visit(1_600_000_000_000_000L, 5),
                        new Visit(1_600_000_000_000_000L, 5),
                        new Visit(1_600_000_001_000_000L, 4)),
                place("dddddddddd03", "downloads only", new Visit(1_650_000_000_000_000L, 7)),
                place("dddddddddd04", "no visits"),
                place("dddddddddd05", "bookmarked", new Visit(1_690_000_000_000_000L, 1)),
                // Dates to the microsecond, one on the epoch's second day; text the COPY format must escape.
                place("dddddddddd06", "tab\there \\ back\nslash\r", new Visit(1_700_000_000_123_456L, 2),
                        new Visit(86_400_000_001L, 1)),
                // And what an array literal must quote (the merge takes the page as arrays): the word NULL, braces,
                // quotes, commas, spaces; a title that is really null.
                new HistoryPlaceRow("dddddddddd07", "https://example.com/{a,b}?q=\"x\" y", "NULL",
                        new BigDecimal("1700000000.5"), List.of(new Visit(1_700_000_300_000_000L, 1))),
                place("dddddddddd08", null, new Visit(1_700_000_400_000_000L, 3)));
        for (UUID a : List.of(appended, merged)) {
            try (Connection c = ds.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "insert into bookmark (account_id, guid, kind, title, url) values (?, 'bkmk00000001', 'bookmark', 'b', ?)")) {
                ps.setObject(1, a);
                ps.setString(2, "https://example.com/dddddddddd05");
                ps.executeUpdate();
            }
        }
        tx.inTransaction(c -> new HistoryWriter(c).append(appended, page));
        tx.inTransaction(c -> new HistoryWriter(c).write(merged, page));

        String places = """
                select guid, url, title, server_modified, visit_count, last_visit_at, frecency_visits, last_typed_at,
                       bookmarked, frecency, match_text from history_place where account_id = ? order by guid""";
        String visits = "select place_guid, visited_at, transition from history_visit where account_id = ? order by 1, 2, 3";
        String bookmarks = "select guid, frecency from bookmark where account_id = ?";
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, places, appended)).hasSize(8).isEqualTo(query(c, places, merged));
            assertThat(query(c, visits, appended)).hasSize(10).isEqualTo(query(c, visits, merged));
            assertThat(query(c,
                    "select url, title, title is null from history_place where account_id = ? and guid > 'dddddddddd06'",
                    merged))
                    .containsExactly("https://example.com/{a,b}?q=\"x\" y|NULL|f", "https://example.com/dddddddddd08|null|t");
            assertThat(query(c, "select last_visit_at = to_timestamp(1700000000.123456), last_typed_at = last_visit_at, title "
                    + "from history_place where account_id = ? and guid = 'dddddddddd06'", appended))
                    .containsExactly("t|t|tab\there \\ back\nslash\r");
            assertThat(query(c, bookmarks, appended)).isEqualTo(query(c, bookmarks, merged));
            assertThat(query(c,
                    "select bookmarked, frecency > 0 from history_place where account_id = ? and guid = 'dddddddddd05'",
                    appended))
                    .containsExactly("t|t");
            assertThat(query(c, "select frecency > 0 from bookmark where account_id = ?", appended)).containsExactly("t");
        }
    }

    @Test
    void anAccountTakesItsHistoryWithItAndAPageForAGoneAccountFails() throws SQLException {
        UUID account = new TestAccounts(ds).create();
        Transactions tx = new Transactions(ds);
        tx.inTransaction(c -> new HistoryWriter(c).append(account, List.of(place("eeeeeeeeeeee", "x", new Visit(5L, 1)))));
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("delete from account where id = ?")) {
            ps.setObject(1, account);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            assertThat(query(c, "select guid from history_place where account_id = ?", account)).isEmpty();
            assertThat(query(c, "select place_guid from history_visit where account_id = ?", account)).isEmpty();
        }
        assertThatThrownBy(() -> tx.inTransaction(
                c -> new HistoryWriter(c).append(account, List.of(place("ffffffffffff", "x", new Visit(6L, 1))))))
                .hasMessageContaining("no longer exists");
        assertThatThrownBy(() -> tx.inTransaction(
                c -> new HistoryWriter(c).write(account, List.of(place("ffffffffffff", "x", new Visit(6L, 1))))))
                .hasMessageContaining("no longer exists");
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, "select guid from history_place where account_id = ?", account)).isEmpty();
        }
    }

    /**
     * The regression that made first syncs quadratic: with statistics describing another account's rows only, a page's
     * look-ups walked the whole account through whichever account_id-led index was smallest. They must stay probes
     * of the index made for them.
     */
    @Test
    void aPagesLookUpsProbeTheirOwnIndexesWhateverTheStatisticsSay() throws SQLException {
        // Tables large enough that an account's share (0.5 %, V9) is more than a row: below that, walking an account's
        // one or two rows by any index costs the same, and the planner may take any.
        UUID big = new TestAccounts(ds).create();
        Transactions tx = new Transactions(ds);
        List<HistoryPlaceRow> many = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(place("big%08d".formatted(i), "page " + i, new Visit(1_700_000_000_000_000L + i, 1)));
        }
        tx.inTransaction(c -> new HistoryWriter(c).append(big, many));
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        """
                                insert into bookmark (account_id, guid, kind, title, url)
                                select ?, 'bigbkmk' || i, 'bookmark', 'b' || i, 'https://example.com/big' || i from generate_series(1, 5000) i""")) {
            ps.setObject(1, big);
            ps.executeUpdate();
        }
        UUID fresh = new TestAccounts(ds).create();
        try (Connection c = ds.getConnection()) {
            try (var st = c.createStatement()) {
                st.execute("analyze history_place; analyze history_visit; analyze bookmark");
            }
            c.setAutoCommit(false);
            String account = "'" + fresh + "'";
            // The merge's parameters: the page's ten arrays (one place, one visit), then the account; the look-up's: the
            // page's URLs, then the account.
            String[] page = { "text[]", "array['gggggggggggg']", "text[]", "array['https://example.com/big1']", "text[]",
                    "array['t']", "numeric[]", "array[1.5]", "int[]", "array[100]", "text[]", "array['{5}']", "text[]",
                    "array['{1}']", "text[]", "array['gggggggggggg']", "bigint[]", "array[5]", "smallint[]", "array[1]" };
            for (String[] statement : List.of(new String[] { "merge", HistoryWriter.MERGE, "uuid", account },
                    new String[] { "bookmarked", BookmarkFrecency.BOOKMARKED_URLS, "text[]",
                            "array['https://example.com/big1']", "uuid", account })) {
                String sql = statement[1];
                List<String> types = new ArrayList<>();
                List<String> values = new ArrayList<>();
                while (sql.contains("?")) {
                    int n = types.size();
                    boolean merge = statement[0].equals("merge");
                    if (merge && n < page.length / 2) {
                        types.add(page[2 * n]);
                        values.add(page[2 * n + 1]);
                    } else {
                        int k = merge ? 2 : 2 + 2 * n;
                        types.add(statement[k]);
                        values.add(statement[k + 1]);
                    }
                    sql = sql.replaceFirst("\\?", "\\$" + types.size());
                }
                try (var st = c.createStatement()) {
                    st.execute("prepare " + statement[0] + " (" + String.join(", ", types) + ") as " + sql);
                    // The merge's plan as the worker runs it: one generic plan per connection (HistoryWriter).
                    st.execute("set plan_cache_mode = "
                            + (statement[0].equals("merge") ? "force_generic_plan" : "auto"));
                }
                List<String> plan = new ArrayList<>();
                try (var st = c.createStatement();
                        ResultSet rs = st.executeQuery("explain execute " + statement[0] + " ("
                                + String.join(", ", values) + ")")) {
                    while (rs.next()) {
                        plan.add(rs.getString(1));
                    }
                }
                String text = String.join("\n", plan);
                assertThat(text).as(statement[0] + " plan:\n" + text)
                        .contains("using bookmark_url_idx on bookmark b")
                        .doesNotContain("Seq Scan on history_place").doesNotContain("Seq Scan on bookmark");
                if (statement[0].equals("merge")) {
                    assertThat(text).as("merge plan:\n" + text).contains("using history_place_pkey on history_place o")
                            // Generic: the account is a parameter, not the value of this execution.
                            .contains("account_id = $").doesNotContain(fresh.toString());
                }
            }
            c.rollback();
        }
    }

    /**
     * What a first sync met when its bookmark pages were written over several connections: the table was analyzed
     * while most of its pages held rows not yet committed, so its statistics said a few rows per page and an account
     * a row or two. Every index that starts with account_id then looked as cheap as the URL index, and a smaller one
     * (a partial index of bookmarks only) walked the account's bookmarks once per history record: 75 s instead of 5
     * for 100,000 records. Which index wins such a tie depends on the indexes' sizes; this test builds the statistics
     * and checks that the look-up leaves no partial index of bookmarks in the running.
     */
    @Test
    void theBookmarkLookUpProbesTheUrlIndexWhenStatisticsSayAFewRowsPerPage() throws Exception {
        UUID account = new TestAccounts(ds).create();
        String insert = """
                insert into bookmark (account_id, guid, kind, title, url)
                select ?, 'sparse' || i, 'bookmark', 'b' || i, 'https://example.com/sparse' || i from generate_series(?, ?) i""";
        try (Connection writer = ds.getConnection(); Connection analyzer = ds.getConnection()) {
            writer.setAutoCommit(false);
            try (PreparedStatement ps = writer.prepareStatement(insert)) {
                ps.setObject(1, account);
                ps.setInt(2, 1);
                ps.setInt(3, 20_000);
                ps.executeUpdate();
            }
            try (var st = analyzer.createStatement()) {
                st.execute("analyze bookmark");
            }
            writer.commit();
            analyzer.setAutoCommit(false);
            String sql = BookmarkFrecency.BOOKMARKED_URLS.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2");
            List<String> plan = new ArrayList<>();
            try (var st = analyzer.createStatement()) {
                st.execute("prepare sparse (text[], uuid) as " + sql);
                try (ResultSet rs = st
                        .executeQuery("explain execute sparse (array['https://example.com/sparse1'], '" + account + "')")) {
                    while (rs.next()) {
                        plan.add(rs.getString(1));
                    }
                }
                st.execute("deallocate sparse");
            }
            analyzer.rollback();
            String text = String.join("\n", plan);
            assertThat(text).as("plan:\n" + text).contains("using bookmark_url_idx on bookmark b")
                    .doesNotContain("Seq Scan on bookmark")
                    .doesNotContain("bookmark_host_idx").doesNotContain("bookmark_frecency_idx");
        }
    }

    static HistoryPlaceRow place(String guid, String title, Visit... visits) {
        return new HistoryPlaceRow(guid, "https://example.com/" + guid, title, new BigDecimal("1700000000.12"),
                List.of(visits));
    }
}
