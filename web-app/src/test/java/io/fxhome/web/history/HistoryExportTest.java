package io.fxhome.web.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.generator.HostileContent;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.history.VisitRows.At;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.PythonCsv;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The history exports re-read by parsers of their formats: the CSV by Python's {@code csv} module (no Java CSV library
 * resolves offline, and a parser written by someone else is the better judge of the writer anyway), the JSON by
 * Jackson; hostile titles and URLs come back exactly (the CSV's formula-looking cells with their protective apostrophe
 * only), and a large history streams.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class HistoryExportTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")";
    static final String CRLF_TITLE = HostileContent.QUOTES_AND_NEWLINES + "\r\n-1+1, \"quoted\" ";

    @Inject
    AgroalDataSource ds;
    @Inject
    SessionStore sessions;

    private Browser accountWithHostileHistory() throws Exception {
        TestData alice = TestData.newAccount(ds);
        new VisitRows(ds, alice.account)
                .page("formula0001", "https://sheet.example/?q=a,b", FORMULA, At.link("2026-11-10T08:00:00Z"))
                .page("lines000001", "https://lines.example/\"quoted\"", CRLF_TITLE, At.of("2026-11-10T09:00:00Z", 2))
                .page("script00001", HostileContent.JAVASCRIPT_URL, HostileContent.SCRIPT_TITLE,
                        At.link("2026-11-10T10:00:00Z"))
                .page("data0000001", HostileContent.DATA_URL, HostileContent.NON_BMP_TITLE, At.of("2026-11-10T11:00:00Z", 9))
                .page("rtl00000001", "https://rtl.example/", HostileContent.RTL_TITLE, At.link("2026-11-10T12:00:00Z"))
                .page("notitle0001", "https://untitled.example/", null, At.link("2026-11-10T13:00:00Z"));
        TestData bob = TestData.newAccount(ds);
        new VisitRows(ds, bob.account).page("bobp0000001", "https://bob.example/", "Bob", At.link("2026-11-10T08:30:00Z"));
        return Browser.signedIn(sessions.create(alice.account, "test", Instant.now()));
    }

    @Test
    void csvReadBackByPythonsCsvModuleHoldsEveryVisitWithHostileTextIntact() throws Exception {
        Browser alice = accountWithHostileHistory();
        Response csv = alice.request().get("/api/v1/export/history.csv");
        csv.then().statusCode(200).contentType("text/csv").header("Content-Disposition",
                "attachment; filename=\"fxhome-history.csv\"");
        List<List<String>> rows = PythonCsv.rows(csv.asByteArray());
        assertThat(rows).containsExactly(List.of("visitedAt", "url", "title", "transition"),
                List.of("2026-11-10T08:00:00Z", "https://sheet.example/?q=a,b", "'" + FORMULA, "link"),
                List.of("2026-11-10T09:00:00Z", "https://lines.example/\"quoted\"", CRLF_TITLE, "typed"),
                List.of("2026-11-10T10:00:00Z", HostileContent.JAVASCRIPT_URL, HostileContent.SCRIPT_TITLE, "link"),
                List.of("2026-11-10T11:00:00Z", HostileContent.DATA_URL, HostileContent.NON_BMP_TITLE, "reload"),
                List.of("2026-11-10T12:00:00Z", "https://rtl.example/", HostileContent.RTL_TITLE, "link"),
                List.of("2026-11-10T13:00:00Z", "https://untitled.example/", "", "link"));
    }

    @Test
    void jsonReadBackByJacksonHoldsEveryValueExactly() throws Exception {
        Browser alice = accountWithHostileHistory();
        Response json = alice.request().get("/api/v1/export/history.json");
        json.then().statusCode(200).contentType("application/json");
        JsonNode visits = new ObjectMapper().readTree(json.asByteArray()).get("visits");
        assertThat(visits).hasSize(6);
        assertThat(visits.get(0).get("title").asText()).isEqualTo(FORMULA);
        assertThat(visits.get(1).get("title").asText()).isEqualTo(CRLF_TITLE);
        assertThat(visits.get(2).get("url").asText()).isEqualTo(HostileContent.JAVASCRIPT_URL);
        assertThat(visits.get(2).get("linkable").asBoolean()).isFalse();
        assertThat(visits.get(3).get("title").asText()).isEqualTo(HostileContent.NON_BMP_TITLE);
        assertThat(visits.get(5).get("title").isNull()).isTrue();
        assertThat(visits.get(5).get("visitedAt").asText()).isEqualTo("2026-11-10T13:00:00Z");
    }

    /** 200,000 visits: the answer is chunked (streamed as read, no length known up front) and holds every row. */
    @Test
    void aLargeHistoryStreams() throws Exception {
        TestData big = TestData.newAccount(ds);
        TestData.exec(ds, """
                insert into history_place (account_id, guid, url, title, visit_count, last_visit_at)
                select ?, 'bulk' || lpad(i::text, 8, '0'), 'https://site' || i || '.example/', 'Page, "' || i || '"', 100, now()
                  from generate_series(1, 2000) i""", big.account);
        TestData.exec(ds, """
                insert into history_visit (account_id, place_guid, visited_at, transition)
                select ?, 'bulk' || lpad((i % 2000 + 1)::text, 8, '0'), 1700000000000000 + i::bigint * 1000000, 1
                  from generate_series(1, 200000) i""", big.account);
        Browser b = Browser.signedIn(sessions.create(big.account, "test", Instant.now()));
        long started = System.nanoTime();
        Response csv = b.request().get("/api/v1/export/history.csv");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        csv.then().statusCode(200).header("Transfer-Encoding", "chunked");
        assertThat(csv.getHeader("Content-Length")).isNull();
        List<List<String>> rows = PythonCsv.rows(csv.asByteArray());
        assertThat(rows).hasSize(200_001);
        assertThat(rows.get(1)).containsExactly("2023-11-14T22:13:21Z", "https://site2.example/", "Page, \"2\"", "link");
        System.out.printf("history.csv: 200000 visits, %d bytes in %d ms%n", csv.asByteArray().length, millis);
    }
}
