package io.fxhome.worker.bookmarks;

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
import io.fxhome.worker.db.Transactions;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BookmarkWriterTest {
    @Inject
    AgroalDataSource ds;

    @Test
    void positionsFollowTheFolderChildrenOrderAndAFullDownloadMirrorsTheServer() throws SQLException {
        UUID account = new TestAccounts(ds).create();
        Transactions tx = new Transactions(ds);
        tx.inTransaction(c -> {
            BookmarkWriter w = new BookmarkWriter(c);
            w.write(account, List.of(
                    folder("toolbar", "places", List.of("b2", "sep1", "b1")),
                    item("b1", "toolbar", "bookmark", "One", "https://one.example/"),
                    item("b2", "toolbar", "bookmark", "Two", "https://two.example/"),
                    item("sep1", "toolbar", "separator", null, null),
                    item("stray", "toolbar", "bookmark", "Listed nowhere", "https://stray.example/")));
            w.reposition(account);
            return null;
        });
        try (Connection c = ds.getConnection()) {
            assertThat(query(c,
                    "select guid, position from bookmark where account_id = ? and parent_guid = 'toolbar' order by position nulls last, guid",
                    account))
                    .containsExactly("b2|0", "sep1|1", "b1|2", "stray|null");
            // No history: every bookmark ranks by its date added, as written (the account-wide re-scoring is skipped).
            assertThat(
                    query(c, """
                            select count(*) filter (where frecency > 0 and frecency = fxhome_page_frecency('{}', '{}', 0, true, date_added, url)),
                                   count(*) from bookmark where account_id = ? and kind = 'bookmark'""",
                            account))
                    .containsExactly("3|3");
        }
        // The folder was reordered and b2 deleted elsewhere; a full download then sees only these.
        tx.inTransaction(c -> {
            BookmarkWriter w = new BookmarkWriter(c);
            w.write(account, List.of(folder("toolbar", "places", List.of("b1", "sep1"))));
            w.deleteAllExcept(account, Set.of("toolbar", "b1", "sep1"));
            w.reposition(account);
            return null;
        });
        try (Connection c = ds.getConnection()) {
            assertThat(query(c,
                    "select guid, position from bookmark where account_id = ? and parent_guid = 'toolbar' order by position",
                    account))
                    .containsExactly("b1|0", "sep1|1");
            assertThat(query(c, "select tags::text from bookmark where account_id = ? and guid = 'b1'", account))
                    .containsExactly("{tag,\"with \\\"quote\\\"\"}");
        }
    }

    @Test
    void aChildListedTwiceTakesItsFirstPlace() throws SQLException {
        UUID account = new TestAccounts(ds).create();
        new Transactions(ds).inTransaction(c -> {
            BookmarkWriter w = new BookmarkWriter(c);
            w.write(account, List.of(folder("toolbar", "places", List.of("b2", "b1", "b2", "missing", "b1")),
                    item("b1", "toolbar", "bookmark", "One", "https://one.example/"),
                    item("b2", "toolbar", "bookmark", "Two", "https://two.example/")));
            w.reposition(account);
            return null;
        });
        try (Connection c = ds.getConnection()) {
            assertThat(query(c,
                    "select guid, position from bookmark where account_id = ? and parent_guid = 'toolbar' order by guid",
                    account)).containsExactly("b1|1", "b2|0");
        }
    }

    static BookmarkRow folder(String guid, String parent, List<String> children) {
        return new BookmarkRow(guid, parent, "folder", guid, null, List.of(), null, null, Instant.parse("2020-01-01T00:00:00Z"),
                new BigDecimal("1700000000.00"), children);
    }

    static BookmarkRow item(String guid, String parent, String kind, String title, String url) {
        return new BookmarkRow(guid, parent, kind, title, url, List.of("tag", "with \"quote\""), null, null,
                Instant.parse("2021-02-03T04:05:06Z"), new BigDecimal("1700000000.01"), null);
    }
}
