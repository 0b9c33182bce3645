package io.fxhome.web.bookmarks.health;

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

/**
 * The health report and the exports read one account's bookmarks through an account-led index (the primary key or
 * the children index, both led by {@code account_id}), never the whole table, on an analyzed table holding other
 * accounts' bookmarks too.
 */
@QuarkusTest
class BookmarkTreePlanTest {
    @Inject
    AgroalDataSource ds;

    @Test
    void anAccountsTreeIsReadThroughAnAccountLedIndex() throws Exception {
        TestData data = TestData.newAccount(ds);
        data.folder("toolbar", "places", 0, "toolbar", List.of());
        for (int a = 0; a < 20; a++) {
            TestData other = TestData.newAccount(ds);
            TestData.exec(ds, """
                    insert into bookmark (account_id, guid, parent_guid, position, kind, title, url, date_added)
                    select ?, 'bulk' || lpad(i::text, 8, '0'), 'toolbar', i, 'bookmark', 'Bulk ' || i,
                           'https://site' || i || '.example/', now()
                      from generate_series(1, 1000) i""", other.account);
        }
        TestData.exec(ds, "analyze bookmark");
        // The tree and its version (what tells a kept report from a stale one) alike.
        for (String sql : List.of(BookmarkTreeReader.ALL, BookmarkTreeReader.VERSION)) {
            StringBuilder plan = new StringBuilder();
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("explain " + sql)) {
                ps.setObject(1, data.account);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
            // Whichever index the planner picks, it is one led by the account: the scan reads this account's rows only.
            assertThat(plan.toString()).as(plan.toString()).containsPattern("Index (Only )?Scan .*on bookmark_\\w+")
                    .contains("Index Cond: (account_id = ").doesNotContain("Seq Scan");
        }
    }
}
