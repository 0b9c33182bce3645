package io.fxhome.web.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.generator.HostileContent;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.history.VisitRows.At;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The whole history on fixed rows of two accounts: visits by range, order, site and words, paged by cursor; the
 * calendar in a time zone; sites and their pages; one page's story; purges of fxhome's copy; and no way into the other
 * account's rows.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class HistoryArchiveApiTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    static final String BREAD = "https://bread.example/sourdough";
    static final String NEWS = "https://www.News.example/today";
    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")";
    static final LocalDate YEAR_AGO = LocalDate.now(ZoneOffset.UTC).minusYears(1);

    @Inject
    AgroalDataSource ds;
    @Inject
    SessionStore sessions;

    TestData alice;
    Browser aliceBrowser;
    Browser bobBrowser;

    @BeforeEach
    void data() throws Exception {
        alice = TestData.newAccount(ds);
        new VisitRows(ds, alice.account)
                .page("breadp00001", BREAD, "Sourdough, \"the\" bread", At.link("2026-11-10T08:00:00Z"),
                        At.of("2026-11-10T12:00:00Z", 2), At.link("2026-11-11T09:00:00Z"), At.link(YEAR_AGO + "T12:00:00Z"))
                .page("newsp000001", NEWS, FORMULA, At.link("2026-11-10T10:00:00Z"), At.link("2026-11-12T10:00:00Z"))
                .page("hostile0001", HostileContent.JAVASCRIPT_URL, HostileContent.SCRIPT_TITLE,
                        At.link("2026-11-10T11:00:00Z"))
                .page("lines000001", "https://lines.example/?a=1,2", HostileContent.QUOTES_AND_NEWLINES + "\r\n-1+1",
                        At.of("2026-11-10T09:00:00Z", 5));
        alice.device("laptop", "Alice's laptop", "desktop", 1_700_000_000).tab("laptop", 0, "Sourdough tab", BREAD,
                java.time.Instant.parse("2026-11-12T08:00:00Z"));
        alice.folder("menu", "places", 0, "menu", List.of("food0000001")).folder("food0000001", "menu", 0, "Food",
                List.of("bmbread0001")).bookmark("bmbread0001", "food0000001", 0, "My sourdough", BREAD);
        TestData.exec(ds,
                "update bookmark set keyword = 'sd', tags = '{baking,bread}' where account_id = ? and guid = 'bmbread0001'",
                alice.account);
        TestData.exec(ds, "update history_place set frecency = 20500 where account_id = ? and guid = 'breadp00001'",
                alice.account);
        TestData bob = TestData.newAccount(ds);
        new VisitRows(ds, bob.account).page("bobp0000001", "https://bread.example/bob", "Bob's sourdough",
                At.link("2026-11-10T08:30:00Z"));
        aliceBrowser = Browser.signedIn(sessions.create(alice.account, "test", java.time.Instant.now()));
        bobBrowser = Browser.signedIn(sessions.create(bob.account, "test", java.time.Instant.now()));
    }

    /** Every page of a list, following {@code next}, as (visitedAt, url, transition). */
    private List<String> allVisits(Browser b, String path, Map<String, ?> params) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = b.request().queryParams(params).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(path);
            page.then().statusCode(200);
            List<Map<String, Object>> items = page.jsonPath().getList("items");
            for (Map<String, Object> item : items) {
                assertThat(item).containsOnlyKeys("url", "title", "visitedAt", "transition", "linkable");
                seen.add(item.get("visitedAt") + " " + item.get("url") + " " + item.get("transition"));
            }
            cursor = page.jsonPath().getString("next");
            pages++;
        } while (cursor != null && pages < 20);
        return seen;
    }

    @Test
    void visitsOfARangeNewestFirstPagedByCursorAndOldestFirstForTheDayView() {
        List<String> day = List.of("2026-11-10T12:00:00Z " + BREAD + " typed",
                "2026-11-10T11:00:00Z " + HostileContent.JAVASCRIPT_URL + " link", "2026-11-10T10:00:00Z " + NEWS + " link",
                "2026-11-10T09:00:00Z https://lines.example/?a=1,2 redirect-permanent",
                "2026-11-10T08:00:00Z " + BREAD + " link");
        Map<String, String> range = Map.of("from", "2026-11-10", "to", "2026-11-11T00:00:00Z");
        assertThat(allVisits(aliceBrowser, "/api/v1/history/visits", range)).containsExactlyElementsOf(day);
        Map<String, String> oldest = new java.util.HashMap<>(range);
        oldest.put("order", "oldest");
        assertThat(allVisits(aliceBrowser, "/api/v1/history/visits", oldest)).containsExactlyElementsOf(day.reversed());
        // The same instants written with an offset; to is excluded.
        assertThat(allVisits(aliceBrowser, "/api/v1/history/visits",
                Map.of("from", "2026-11-10T09:00:00+01:00", "to", "2026-11-10T10:00:00Z"))).containsExactly(day.get(3),
                        day.get(4));
        aliceBrowser.request().queryParams(range).get("/api/v1/history/visits").then().statusCode(200)
                .body("items[1].title", equalTo(HostileContent.SCRIPT_TITLE)).body("items[1].linkable", equalTo(false))
                .body("items[0].linkable", equalTo(true));
        for (String bad : List.of("yesterday", "2026-13-01", "+300000-01-01T00:00:00Z")) {
            aliceBrowser.request().queryParam("from", bad).get("/api/v1/history/visits").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        aliceBrowser.request().queryParam("from", "2026-11-11").queryParam("to", "2026-11-10").get("/api/v1/history/visits")
                .then().statusCode(400);
        aliceBrowser.request().queryParam("order", "sideways").get("/api/v1/history/visits").then().statusCode(400);
    }

    @Test
    void aSitesVisitsAndPagesAndTheSitesNewestFirst() {
        assertThat(allVisits(aliceBrowser, "/api/v1/history/visits", Map.of("host", "NEWS.example"))).containsExactly(
                "2026-11-12T10:00:00Z " + NEWS + " link", "2026-11-10T10:00:00Z " + NEWS + " link");
        assertThat(allVisits(aliceBrowser, "/api/v1/history/visits", Map.of("host", "bread.example"))).hasSize(4);
        List<Map<String, Object>> sites = new ArrayList<>();
        String cursor = null;
        do {
            var request = aliceBrowser.request().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/history/sites");
            page.then().statusCode(200);
            sites.addAll(page.jsonPath().getList("items"));
            cursor = page.jsonPath().getString("next");
        } while (cursor != null);
        // The javascript: page has no host: it belongs to no site.
        assertThat(sites).extracting(s -> s.get("host")).containsExactly("news.example", "bread.example", "lines.example");
        assertThat(sites).extracting(s -> s.get("visits")).containsExactly(2, 4, 1);
        assertThat(sites.get(0).get("lastVisitAt")).isEqualTo("2026-11-12T10:00:00Z");
        aliceBrowser.request().get("/api/v1/history/sites/news.example").then().statusCode(200)
                .body("items.guid", contains("newsp000001")).body("items[0].title", equalTo(FORMULA)).body("next", nullValue());
        aliceBrowser.request().queryParam("cursor", "bm90IGEgY3Vyc29y").get("/api/v1/history/sites").then().statusCode(400);
    }

    @Test
    void searchInADateRange() {
        assertThat(allVisits(aliceBrowser, "/api/v1/history/visits/search",
                Map.of("q", "BREAD sourdough", "from", "2026-11-10", "to", "2026-11-11"))).containsExactly(
                        "2026-11-10T12:00:00Z " + BREAD + " typed", "2026-11-10T08:00:00Z " + BREAD + " link");
        assertThat(allVisits(aliceBrowser, "/api/v1/history/visits/search", Map.of("q", "news"))).hasSize(2);
        assertThat(allVisits(aliceBrowser, "/api/v1/history/visits/search", Map.of("q", "news", "to", "2026-11-11")))
                .hasSize(1);
        // LIKE's own characters are plain characters in a word.
        assertThat(allVisits(aliceBrowser, "/api/v1/history/visits/search", Map.of("q", "%_"))).isEmpty();
        // Bob's page shares the word; only Alice's visits answer her.
        assertThat(allVisits(aliceBrowser, "/api/v1/history/visits/search", Map.of("q", "bob"))).isEmpty();
    }

    @Test
    void calendarCountsVisitsPerDayInTheAskedTimeZoneWithOnThisDay() {
        Response utc = aliceBrowser.request().queryParam("month", "2026-11").get("/api/v1/history/calendar");
        utc.then().statusCode(200).body("month", equalTo("2026-11")).body("timeZone", equalTo("Z"))
                .body("days.size()", equalTo(30))
                .body("total", equalTo(7)).body("previous", equalTo("2026-10")).body("next", equalTo("2026-12"))
                .body("onThisDay.date", equalTo(YEAR_AGO.toString())).body("onThisDay.visits", equalTo(1));
        assertThat(utc.jsonPath().getList("days.visits", Integer.class).subList(9, 12)).containsExactly(5, 1, 1);
        // At UTC+14 the day turns at 10:00 UTC.
        Response kiritimati = aliceBrowser.request().queryParam("month", "2026-11").queryParam("tz", "Pacific/Kiritimati")
                .get("/api/v1/history/calendar");
        assertThat(kiritimati.jsonPath().getList("days.visits", Integer.class).subList(9, 13)).containsExactly(2, 4, 0, 1);
        aliceBrowser.request().queryParam("tz", "Mars/Olympus").get("/api/v1/history/calendar").then().statusCode(400);
        aliceBrowser.request().queryParam("month", "10000-01").get("/api/v1/history/calendar").then().statusCode(400);
        bobBrowser.request().queryParam("month", "2026-11").get("/api/v1/history/calendar").then().body("total", equalTo(1));
    }

    @Test
    void onePagesStoryTabsFoldersKeywordTagsVisitsAndFrecency() {
        aliceBrowser.request().queryParam("url", BREAD).queryParam("limit", 3).get("/api/v1/history/story").then()
                .statusCode(200)
                .body("title", equalTo("Sourdough, \"the\" bread")).body("host", equalTo("bread.example"))
                .body("visitCount", equalTo(4)).body("frecency", equalTo(20500))
                .body("lastVisitAt", equalTo("2026-11-11T09:00:00Z")).body("firstVisitAt", equalTo(YEAR_AGO + "T12:00:00Z"))
                .body("openOn.device", contains("Alice's laptop"))
                .body("bookmarks[0].path.title", contains("Bookmarks Menu", "Food"))
                .body("bookmarks[0].keyword", equalTo("sd")).body("bookmarks[0].tags", contains("baking", "bread"))
                .body("visitsByMonth.month", contains(YEAR_AGO.toString().substring(0, 7), "2026-11"))
                .body("visitsByMonth.visits", contains(1, 3)).body("visits.items.visitedAt",
                        contains("2026-11-11T09:00:00Z", "2026-11-10T12:00:00Z", "2026-11-10T08:00:00Z"))
                .body("visits.next", org.hamcrest.Matchers.notNullValue());
        aliceBrowser.request().queryParam("url", HostileContent.JAVASCRIPT_URL).get("/api/v1/history/story").then()
                .statusCode(200)
                .body("linkable", equalTo(false)).body("host", nullValue());
        aliceBrowser.request().queryParam("url", "https://nowhere.example/").get("/api/v1/history/story").then()
                .statusCode(404);
        // Bob's page is not Alice's.
        aliceBrowser.request().queryParam("url", "https://bread.example/bob").get("/api/v1/history/story").then()
                .statusCode(404);
        aliceBrowser.request().get("/api/v1/history/story").then().statusCode(400);
    }

    @Test
    void purgesDeleteFxhomesCopyOfARangeOrASiteOnly() throws Exception {
        aliceBrowser.request().contentType(ContentType.JSON).body(Map.of("host", "news.example")).post("/api/v1/history/purge")
                .then().statusCode(403);
        aliceBrowser.request().contentType(ContentType.JSON).header("X-CSRF-Token", aliceBrowser.csrf)
                .body(Map.of("host", "news.example", "from", "2026-11-10")).post("/api/v1/history/purge").then()
                .statusCode(400);
        aliceBrowser.request().contentType(ContentType.JSON).header("X-CSRF-Token", aliceBrowser.csrf).body(Map.of())
                .post("/api/v1/history/purge").then().statusCode(400);
        // A range: two of the bread page's visits and the script page's only one, which goes with its page.
        aliceBrowser.request().contentType(ContentType.JSON).header("X-CSRF-Token", aliceBrowser.csrf)
                .body(Map.of("from", "2026-11-10T10:30:00Z", "to", "2026-11-12T00:00:00Z")).post("/api/v1/history/purge").then()
                .statusCode(200).body("visitsDeleted", equalTo(3)).body("pagesDeleted", equalTo(1))
                .body("note", containsString("fxhome's copy only"));
        aliceBrowser.request().queryParam("url", BREAD).get("/api/v1/history/story").then().body("visitCount", equalTo(2))
                .body("lastVisitAt", equalTo("2026-11-10T08:00:00Z"));
        aliceBrowser.request().queryParam("url", HostileContent.JAVASCRIPT_URL).get("/api/v1/history/story").then()
                .statusCode(404);
        // A site: every page and visit of it.
        aliceBrowser.request().contentType(ContentType.JSON).header("X-CSRF-Token", aliceBrowser.csrf)
                .body(Map.of("host", "NEWS.example")).post("/api/v1/history/purge").then().statusCode(200)
                .body("visitsDeleted", equalTo(2)).body("pagesDeleted", equalTo(1));
        aliceBrowser.request().get("/api/v1/history/sites").then().body("items.host",
                contains("lines.example", "bread.example"));
        assertThat(TestData.one(ds, "select count(*) from history_visit where account_id = ?", alice.account)).isEqualTo("3");
        // Bob's history is untouched, though his page is on the same site and in the same range.
        bobBrowser.request().queryParam("host", "bread.example").get("/api/v1/history/visits").then()
                .body("items.url", contains("https://bread.example/bob"));
    }

    @Test
    void noCursorOrHostReachesAnotherAccount() {
        String aliceCursor = aliceBrowser.request().queryParam("limit", 1).get("/api/v1/history/visits").jsonPath()
                .getString("next");
        bobBrowser.request().queryParam("cursor", aliceCursor).get("/api/v1/history/visits").then().statusCode(200)
                .body("items.url", contains("https://bread.example/bob"));
        bobBrowser.request().get("/api/v1/history/sites/news.example").then().statusCode(200).body("items.size()", equalTo(0));
        new Browser().request().get("/api/v1/history/visits").then().statusCode(401);
        new Browser().request().get("/api/v1/export/history.csv").then().statusCode(401);
    }
}
