package io.fxhome.web.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The lookups whose indexes hold only a bounded form of a synced text (V14: the first 255 characters of a keyword, a
 * host only if it can be a DNS name) still read through those indexes, in the plan for the values and in the generic
 * plan the search keeps.
 */
@QuarkusTest
class BoundedIndexPlansTest {
    @Inject
    AgroalDataSource ds;

    @Test
    void keywordsAndAutofillReadThroughTheirBoundedIndexes() throws Exception {
        SearchFixtures account = SearchFixtures.newAccount(ds, Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .page("gh0000000000", "https://github.com/", "GitHub", 5, 2, 0)
                .bookmark("bmman0000000", "The manual", "https://docs.example/manual", List.of("reference"), "man", 100)
                .bookmark("bmgit0000000", "Git", "https://github.com/mozilla", List.of(), null, 3).scored();
        // An account of a realistic size, analyzed: on a handful of rows any index of the account looks as good.
        TestData.exec(ds, """
                insert into bookmark (account_id, guid, parent_guid, position, kind, title, url, keyword, date_added)
                select ?, 'bulk' || lpad(i::text, 8, '0'), 'folder' || (i % 100), i / 100, 'bookmark', 'Bulk ' || i,
                       'https://site' || i || '.example/page', case when i % 50 = 0 then 'kw' || i end, now()
                  from generate_series(1, 5000) i""", account.account);
        TestData.exec(ds, """
                insert into history_place (account_id, guid, url, title, visit_count, last_visit_at, last_typed_at)
                select ?, 'bulkp' || lpad(i::text, 7, '0'), 'https://host' || i || '.example/p', 'Page ' || i, 1, now(),
                       case when i % 10 = 0 then now() end
                  from generate_series(1, 5000) i""", account.account);
        TestData.exec(ds, "analyze bookmark");
        TestData.exec(ds, "analyze history_place");
        assertReadsThrough(new SearchStatement(account.account).keyword("man"), "bookmark_keyword_idx");
        assertReadsThrough(new SearchStatement(account.account).origins("git"), "history_place_typed_host_idx",
                "bookmark_host_idx");
        // One character: the first-character indexes, in frecency order (V30).
        assertReadsThrough(new SearchStatement(account.account).origins("g"), "history_place_typed_host1_idx",
                "bookmark_host1_idx");
    }

    @Test
    void theInboxPartReadsTheNewestReceivedTabsThroughTheAccountLedIndex() throws Exception {
        TestData mine = TestData.newAccount(ds);
        // One account with a large inbox among many with a few received tabs each, as in an install (and as the
        // module's other tests leave the table): the generic plan sizes every account's inbox by the average, and
        // for an average inbox reading all of it and sorting looks cheaper than walking the newest first. The part
        // must walk newest first whatever the average: on 20,000 received tabs a one-letter keystroke read them all
        // (9 ms) where the walk stops after the first matches (0.04 ms).
        TestData.receivedTabs(ds, mine.account, 3000);
        TestData.exec(ds, """
                with a as (insert into account (id, fxa_uid, email)
                           select gen_random_uuid(), 'inbox-plan-' || i || '-' || gen_random_uuid(), 'i' || i || '@example.test'
                             from generate_series(1, 300) i returning id)
                insert into inbox (account_id, device_id, command_index, url, title)
                select a.id, 'dev', n, 'https://other' || n || '.example/', 'Other ' || n
                  from a, generate_series(1, 3) n""");
        TestData.exec(ds, "vacuum (analyze) inbox");
        assertWalks(new SearchStatement(mine.account).inbox(List.of(WordPattern.of("site12",
                WordPattern.Where.TITLE_OR_URL)), 13, false), "inbox_recent");
        assertWalks(new SearchStatement(mine.account).inbox(List.of(WordPattern.of("s",
                WordPattern.Where.TITLE_OR_URL)), 13, false), "inbox_recent");
    }

    private void assertReadsThrough(SearchStatement s, String... indexes) throws Exception {
        for (List<String> scans : plans(s, true)) {
            for (String index : indexes) {
                assertThat(scans).as(s.sql()).anySatisfy(
                        scan -> assertThat(scan).contains(" " + index + ": ").contains("account_id ="));
            }
        }
    }

    /**
     * An ordered walk of the index (an Index Scan), not a bitmap of all the account's entries, in the generic plan, the
     * one the search runs ({@code force_generic_plan}); with the values, the planner may rightly read a rare word's few
     * matches through a bitmap.
     */
    private void assertWalks(SearchStatement s, String index) throws Exception {
        for (List<String> scans : plans(s, false)) {
            assertThat(scans).as(s.sql()).anySatisfy(
                    scan -> assertThat(scan).startsWith("Index Scan " + index + ": ").contains("account_id ="));
        }
    }

    /** The scans of the generic plan, and first of the plan for the values if asked, with the search's settings. */
    private List<List<String>> plans(SearchStatement s, boolean withValues) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                SearchService.prepare(c);
                List<String> generic = QueryPlans.genericTableScans(c, s.sql(), s.params());
                return withValues ? List.of(QueryPlans.tableScans(c, s.sql(), s.params()), generic) : List.of(generic);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }
}
