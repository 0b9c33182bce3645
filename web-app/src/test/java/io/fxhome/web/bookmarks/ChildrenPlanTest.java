package io.fxhome.web.bookmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A folder's children are found through the parent index, which holds only the first 64 characters of each parent id
 * (V14), both for the list and for each child folder's count; and a parent id longer than that is matched whole.
 */
@QuarkusTest
class ChildrenPlanTest {
    @Inject
    AgroalDataSource ds;
    @Inject
    BookmarksRepository bookmarks;

    @Test
    void childrenAreReadThroughTheBoundedParentIndex() throws Exception {
        TestData data = TestData.newAccount(ds);
        data.folder("toolbar", "places", 0, "toolbar", List.of("folderA00000", "bm0000000001"))
                .folder("folderA00000", "toolbar", 0, "A", List.of()).bookmark("bm0000000001", "toolbar", 1, "One",
                        "https://one.example/");
        // An account of a realistic size, analyzed: on a handful of rows any index of the account looks as good.
        TestData.exec(ds, """
                insert into bookmark (account_id, guid, parent_guid, position, kind, title, url, date_added)
                select ?, 'bulk' || lpad(i::text, 8, '0'), 'folder' || (i % 100), i / 100, 'bookmark', 'Bulk ' || i,
                       'https://site' || i || '.example/page', now()
                  from generate_series(1, 5000) i""", data.account);
        TestData.exec(ds, "analyze bookmark");
        StringBuilder plan = new StringBuilder();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("explain " + BookmarksRepository.CHILDREN)) {
            ps.setObject(1, data.account);
            ps.setString(2, "toolbar");
            ps.setString(3, "toolbar");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        // Once for the list, once for the child folders' counts.
        assertThat(plan.toString().split("bookmark_children_idx", -1)).as(plan.toString()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aParentIdLongerThanTheIndexedPrefixIsMatchedWhole() throws Exception {
        TestData data = TestData.newAccount(ds);
        String longId = "f".repeat(64) + "-and-more";
        // A folder whose id shares its first 64 characters with another parent id (records from a hostile client).
        data.folder("toolbar", "places", 0, "toolbar", List.of()).folder(longId, "toolbar", 0, "Long", List.of())
                .bookmark("bm0000000002", longId, 0, "Two", "https://two.example/")
                .bookmark("bm0000000003", "f".repeat(64), 0, "Three", "https://three.example/");
        UUID account = data.account;
        BookmarkFolder folder = bookmarks.folder(account, longId).orElseThrow();
        assertThat(folder.children()).extracting(BookmarkItem::guid).containsExactly("bm0000000002");
        assertThat(folder.item().childCount()).isEqualTo(1);
    }
}
