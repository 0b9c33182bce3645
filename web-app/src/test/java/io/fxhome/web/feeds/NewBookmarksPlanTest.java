package io.fxhome.web.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;

/** The feed of new bookmarks reads the account's newest ones from bookmark_added_idx (V16), in its order: no sort. */
@QuarkusTest
class NewBookmarksPlanTest {
    @Inject
    AgroalDataSource ds;

    @Test
    void theNewestBookmarksAreReadInIndexOrder() throws Exception {
        TestData data = TestData.newAccount(ds);
        data.folder("toolbar", "places", 0, "toolbar", List.of());
        // An account of a realistic size, analyzed: on a handful of rows any plan looks as good.
        TestData.exec(ds, """
                insert into bookmark (account_id, guid, parent_guid, position, kind, title, url, date_added)
                select ?, 'bulk' || lpad(i::text, 8, '0'), 'toolbar', i, 'bookmark', 'Bulk ' || i,
                       'https://site' || i || '.example/page', now() - i * interval '1 minute'
                  from generate_series(1, 5000) i""", data.account);
        TestData.exec(ds, "analyze bookmark");
        StringBuilder plan = new StringBuilder();
        try (Connection c = ds.getConnection()) {
            // The question is whether the index serves the query in its order, whatever a small test database's
            // statistics make of the costs: so the plans that would read the account's rows and sort them are penalised.
            try (var st = c.createStatement()) {
                st.execute("set enable_bitmapscan = off");
                st.execute("set enable_seqscan = off");
                st.execute("set enable_sort = off"); // a sort is still planned if no index gives the order
            }
            explain(c, data, plan);
            try (var st = c.createStatement()) {
                st.execute("reset enable_bitmapscan");
                st.execute("reset enable_seqscan");
                st.execute("reset enable_sort");
            }
        }
        assertThat(plan.toString()).as(plan.toString()).contains("Index Scan using bookmark_added_idx")
                .doesNotContain("Sort");
    }

    private static void explain(Connection c, TestData data, StringBuilder plan) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("explain " + NewBookmarksRepository.NEWEST)) {
            ps.setObject(1, data.account);
            ps.setInt(2, 100);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
    }
}
