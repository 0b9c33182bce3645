package io.fxhome.web.bookmarks.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The health report of a tree of 10,000 bookmarks (100 folders of 99 under Other Bookmarks, with orphans and shared
 * URLs): right, and how long it takes (logged; docs/web-app.md quotes the figures).
 */
@QuarkusTest
class BookmarkHealthScaleTest {
    @Inject
    AgroalDataSource ds;
    @Inject
    BookmarkHealth health;
    @Inject
    BookmarkTreeReader reader;

    @Test
    void aTenThousandBookmarkTree() throws Exception {
        TestData data = TestData.newAccount(ds);
        TestData.exec(ds, """
                insert into bookmark (account_id, guid, parent_guid, position, kind, title, children)
                select ?, r, 'places', 0, 'folder', r, case when r = 'unfiled'
                       then (select array_agg('folder' || lpad(f::text, 4, '0') order by f) from generate_series(1, 100) f)
                       else '{}' end
                  from unnest(array['menu', 'toolbar', 'unfiled', 'mobile']) r""", data.account);
        TestData.exec(ds, """
                insert into bookmark (account_id, guid, parent_guid, position, kind, title, children)
                select ?, 'folder' || lpad(f::text, 4, '0'), 'unfiled', f - 1, 'folder', 'Folder ' || f,
                       (select array_agg('bm' || lpad(f::text, 4, '0') || lpad(b::text, 3, '0') order by b)
                          from generate_series(1, 99) b)
                  from generate_series(1, 100) f""", data.account);
        // Every 100th bookmark shares its URL with the one before; 50 orphans have a parent that does not exist.
        TestData.exec(ds, """
                insert into bookmark (account_id, guid, parent_guid, position, kind, title, url, date_added, server_modified)
                select ?, 'bm' || lpad(f::text, 4, '0') || lpad(b::text, 3, '0'), 'folder' || lpad(f::text, 4, '0'), b - 1,
                       'bookmark', 'Page ' || f || '.' || b,
                       'https://site' || f || '.example/' || (b - case when b % 33 = 0 then 1 else 0 end), now(), 1700000000.00
                  from generate_series(1, 100) f, generate_series(1, 99) b""", data.account);
        TestData.exec(ds, """
                insert into bookmark (account_id, guid, parent_guid, position, kind, title, url, date_added)
                select ?, 'orphan' || lpad(o::text, 4, '0'), 'gone' || o, 0, 'bookmark', 'Orphan ' || o,
                       'https://orphan' || o || '.example/', now()
                  from generate_series(1, 46) o""", data.account);
        TestData.exec(ds, "analyze bookmark");

        HealthSummary summary = health.summary(data.account);
        assertThat(summary.bookmarks()).isEqualTo(10_050);
        assertThat(count(summary, HealthList.ORPHANS)).isEqualTo(46);
        assertThat(count(summary, HealthList.DUPLICATE_URLS)).isEqualTo(300);

        long[] read = new long[10];
        long[] check = new long[10];
        long[] version = new long[10];
        long[] summaries = new long[10];
        long[] pages = new long[10];
        for (int i = 0; i < 10; i++) {
            long t0 = System.nanoTime();
            BookmarkTree tree = new BookmarkTree(reader.all(data.account));
            long t1 = System.nanoTime();
            TreeCheck.check(tree);
            long t2 = System.nanoTime();
            reader.version(data.account);
            long t3 = System.nanoTime();
            health.summary(data.account);
            long t4 = System.nanoTime();
            health.page(data.account, HealthList.DUPLICATE_URLS, Optional.empty(), 50);
            long t5 = System.nanoTime();
            read[i] = t1 - t0;
            check[i] = t2 - t1;
            version[i] = t3 - t2;
            summaries[i] = t4 - t3;
            pages[i] = t5 - t4;
        }
        Log.infof("bookmark health of 10,050 bookmarks, median of 10: tree read %.1f ms, check %.1f ms (what every request"
                + " cost before the report was kept); version %.1f ms, summary %.1f ms, a page of a list %.1f ms (tree unchanged)",
                median(read), median(check), median(version), median(summaries), median(pages));

        // Any change of the rows is seen at the next request, however it is written: in place, deleted, inserted.
        TestData.exec(ds, "update bookmark set parent_guid = 'gone-x' where account_id = ? and guid = 'bm0001001'",
                data.account);
        assertThat(count(health.summary(data.account), HealthList.ORPHANS)).isEqualTo(47);
        TestData.exec(ds, "update bookmark set title = 'Renamed' where account_id = ? and guid = 'orphan0001'", data.account);
        assertThat(health.page(data.account, HealthList.ORPHANS, Optional.empty(), 100).items())
                .anySatisfy(e -> assertThat(e.title()).isEqualTo("Renamed"));
        TestData.exec(ds, "delete from bookmark where account_id = ? and guid in ('orphan0001', 'orphan0002')", data.account);
        assertThat(count(health.summary(data.account), HealthList.ORPHANS)).isEqualTo(45);
        TestData.exec(ds, """
                insert into bookmark (account_id, guid, parent_guid, position, kind, title, url)
                values (?, 'orphan9999', 'gone', 0, 'bookmark', 'New orphan', 'https://new.example/')""", data.account);
        assertThat(count(health.summary(data.account), HealthList.ORPHANS)).isEqualTo(46);
        assertThat(health.summary(data.account).bookmarks()).isEqualTo(10_049);
        // Another account's tree is its own.
        assertThat(health.summary(TestData.newAccount(ds).account).bookmarks()).isZero();
    }

    private static int count(HealthSummary summary, HealthList list) {
        return summary.lists().stream().filter(c -> c.list().equals(list.path())).findFirst().orElseThrow().count();
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
