package io.fxhome.web.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.agroal.api.AgroalDataSource;
import io.fxhome.web.history.calendar.CalendarRepository;
import io.fxhome.web.history.export.VisitExportReader;
import io.fxhome.web.history.purge.HistoryPurge;
import io.fxhome.web.history.sites.SitesRepository;
import io.fxhome.web.history.story.PageStoryRepository;
import io.fxhome.web.history.visits.VisitCursor;
import io.fxhome.web.history.visits.VisitQuery;
import io.fxhome.web.history.visits.VisitRange;
import io.fxhome.web.search.QueryPlans;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every statement of the history views reads one account's rows through an index whose key starts with the account
 * (V18's visit-time and host indexes where they are meant to serve), on two analyzed accounts of a realistic size: no
 * sequential scan, no index scan without the account in its condition.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryPlansTest {
    @Inject
    AgroalDataSource ds;

    UUID account;

    @BeforeAll
    void twoLargeAccounts() throws Exception {
        for (int n = 0; n < 2; n++) {
            TestData data = TestData.newAccount(ds);
            account = data.account;
            TestData.exec(ds,
                    """
                            insert into history_place (account_id, guid, url, title, visit_count, last_visit_at)
                            select ?, 'bulk' || lpad(i::text, 8, '0'), 'https://host' || (i % 500) || '.example/p' || i, 'Page ' || i, 10,
                                   now() - i * interval '1 hour'
                              from generate_series(1, 5000) i""",
                    account);
            TestData.exec(ds, """
                    insert into history_visit (account_id, place_guid, visited_at, transition)
                    select ?, 'bulk' || lpad((i % 5000 + 1)::text, 8, '0'), 1700000000000000 + i::bigint * 60000000, 1 + i % 3
                      from generate_series(1, 50000) i""", account);
        }
        TestData.exec(ds, "analyze history_place");
        TestData.exec(ds, "analyze history_visit");
    }

    private static final long DAY = 86_400_000_000L;
    private static final long START = 1_700_000_000_000_000L + 10 * DAY;

    @Test
    void visitListsReadTheVisitTimeIndex() throws Exception {
        VisitRange day = new VisitRange(START, START + DAY);
        VisitCursor cursor = new VisitCursor(START + DAY / 2, 1, "bulk00000010");
        assertReads(new VisitQuery(account, day), "history_visit_time_idx");
        assertReads(new VisitQuery(account, day).oldestFirst(true).after(Optional.of(cursor)), "history_visit_time_idx");
        assertReads(new VisitQuery(account, VisitRange.ALL).after(Optional.of(cursor)), "history_visit_time_idx");
        assertReads(new VisitQuery(account, day).words(List.of("page", "12")), "history_visit_time_idx");
        assertReads(new VisitQuery(account, VisitRange.ALL).host("host7.example"), null);
        assertReads(new VisitQuery(account, VisitRange.ALL).places(List.of("bulk00000010")), null);
    }

    @Test
    void calendarSitesStoryExportAndPurgeAreAccountLed() throws Exception {
        Long[] bounds = { START, START + DAY, START + 2 * DAY };
        try (Connection c = ds.getConnection()) {
            assertAccountLed(QueryPlans.tableScans(c, CalendarRepository.COUNT,
                    List.of(c.createArrayOf("bigint", bounds), account, START, START + 2 * DAY)), "history_visit_time_idx");
            assertAccountLed(QueryPlans.tableScans(c, SitesRepository.SITES.formatted(""), List.of(account, 50)), null);
            assertAccountLed(
                    QueryPlans.tableScans(c, SitesRepository.PAGES.formatted(""), List.of(account, "host7.example", 50)),
                    "history_place_host_idx");
            assertAccountLed(QueryPlans.tableScans(c, PageStoryRepository.PLACES,
                    List.of(account, "https://host7.example/p7", "https://host7.example/p7")), "history_place_url_idx");
            assertAccountLed(QueryPlans.tableScans(c, PageStoryRepository.MONTHS,
                    List.of(account, c.createArrayOf("text", new String[] { "bulk00000007" }))), null);
            assertAccountLed(QueryPlans.tableScans(c, VisitExportReader.ALL, List.of(account, account)),
                    "history_visit_time_idx");
            assertAccountLed(QueryPlans.tableScans(c, HistoryPurge.DELETE_RANGE, List.of(account, START, START + DAY)),
                    "history_visit_time_idx");
            assertAccountLed(QueryPlans.tableScans(c, HistoryPurge.DELETE_SITE_PLACES, List.of(account, "host7.example")),
                    "history_place_host_idx");
        }
    }

    private void assertReads(VisitQuery q, String index) throws Exception {
        try (Connection c = ds.getConnection()) {
            List<Object> params = q.params(50).stream()
                    .map(p -> p instanceof String[] a ? (Object) arrayOf(c, a) : p).toList();
            assertAccountLed(QueryPlans.tableScans(c, q.sql(), params), index);
        }
    }

    private static Object arrayOf(Connection c, String[] a) {
        try {
            return c.createArrayOf("text", a);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every scan is an index scan led by the account; {@code index}, if named, is among them. */
    private static void assertAccountLed(List<String> scans, String index) {
        assertThat(scans).isNotEmpty().allSatisfy(scan -> {
            assertThat(scan).doesNotStartWith("Seq Scan");
            assertThat(scan).contains("account_id = ");
        });
        if (index != null) {
            assertThat(scans).anySatisfy(scan -> assertThat(scan).contains(" " + index + ": "));
        }
    }
}
