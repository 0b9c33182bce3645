package io.fxhome.web.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.generator.HostileContent;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.Html401Validator;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The tab timeline over HTTP on snapshots as the worker writes them: the changes in pages, the tabs open at a moment,
 * the exports of a snapshot (JSON, and a list of links re-read line by line), stale devices, and no other account's.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class TimelineApiTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** Tuesday at 3 pm, some weeks ago. */
    private static final Instant TUESDAY = Instant.parse("2026-11-17T15:00:00Z");

    @Inject
    AgroalDataSource ds;
    @Inject
    SessionStore sessions;

    TestData alice;
    Browser browser;

    @BeforeEach
    void data() throws Exception {
        alice = TestData.newAccount(ds);
        alice.device("laptop", "Laptop", "desktop", NOW.getEpochSecond()).device("oldphone", "Old phone", "mobile",
                NOW.minus(Duration.ofDays(40)).getEpochSecond());
        snapshot("laptop", TUESDAY.minus(Duration.ofHours(5)), tab("Morning news", "https://news.example/"));
        snapshot("laptop", TUESDAY.minus(Duration.ofHours(1)), tab("Report draft", "https://docs.example/report"),
                tab(HostileContent.SCRIPT_TITLE + "\n# injected", HostileContent.JAVASCRIPT_URL),
                tab("Spaced", "https://x.example/a b\nc"));
        snapshot("laptop", TUESDAY.plus(Duration.ofHours(4)), tab("Evening film", "https://film.example/"));
        snapshot("laptop", NOW.minus(Duration.ofMinutes(5)), tab("Today", "https://today.example/"));
        snapshot("oldphone", NOW.minus(Duration.ofDays(40)), tab("Old", "https://old.example/"));
        browser = Browser.signedIn(sessions.create(alice.account, "test", Instant.now()));
    }

    @Test
    void theChangesPageNewestFirst() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var req = browser.request().queryParam("limit", 3);
            if (cursor != null) {
                req = req.queryParam("cursor", cursor);
            }
            JsonPath page = req.get("/api/v1/devices/laptop/timeline").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.takenAt"));
            cursor = page.getString("next");
        } while (cursor != null);
        assertThat(seen).containsExactly(NOW.minus(Duration.ofMinutes(5)).toString(),
                TUESDAY.plus(Duration.ofHours(4)).toString(), TUESDAY.minus(Duration.ofHours(1)).toString(),
                TUESDAY.minus(Duration.ofHours(5)).toString());
        browser.request().get("/api/v1/devices/laptop/timeline").then().body("items.tabCount", contains(1, 1, 3, 1));
    }

    @Test
    void whatWasOpenOnTuesdayAtThreePm() {
        browser.request().queryParam("time", "2026-11-17T16:00:00+01:00").get("/api/v1/devices/laptop/timeline/at").then()
                .statusCode(200).body("takenAt", equalTo(TUESDAY.minus(Duration.ofHours(1)).toString()))
                .body("until", equalTo(TUESDAY.plus(Duration.ofHours(4)).toString()))
                .body("tabs.title", contains("Report draft", HostileContent.SCRIPT_TITLE + "\n# injected", "Spaced"))
                .body("tabs.linkable", contains(true, false, false));
        // Before the timeline starts: nothing to show.
        browser.request().queryParam("time", "2020-01-01T00:00:00Z").get("/api/v1/devices/laptop/timeline/at").then()
                .statusCode(404);
        browser.request().queryParam("time", "Tuesday").get("/api/v1/devices/laptop/timeline/at").then().statusCode(400);
    }

    @Test
    void aSnapshotExportsAsJsonAndAsAListOfLinks() throws Exception {
        String at = "2026-11-17T15:00:00Z";
        String json = browser.request().queryParam("device", "laptop").queryParam("at", at).get("/api/v1/export/tabs.json")
                .then().statusCode(200).header("Content-Disposition", "attachment; filename=\"fxhome-tabs.json\"").extract()
                .asString();
        ArrayNode tabs = (ArrayNode) new ObjectMapper().readTree(json).path("tabs");
        assertThat(tabs.get(1).path("url").asText()).isEqualTo(HostileContent.JAVASCRIPT_URL);

        String text = browser.request().queryParam("device", "laptop").queryParam("at", at).get("/api/v1/export/tabs.txt")
                .then().statusCode(200).contentType("text/uri-list; charset=utf-8").extract().asString();
        // RFC 2483: CRLF lines, # comments; every line that is not a comment is an address to open.
        List<String> links = text.lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(links).containsExactly("https://docs.example/report");
        assertThat(text.lines().filter(l -> l.startsWith("#")).toList()).contains("# Report draft",
                "# " + HostileContent.SCRIPT_TITLE + " # injected",
                "# not a web address, not listed as a link: " + HostileContent.JAVASCRIPT_URL,
                "# not a web address, not listed as a link: https://x.example/a b c");
        // Without a time: the tabs open now.
        String now = browser.request().queryParam("device", "laptop").get("/api/v1/export/tabs.txt").then().statusCode(200)
                .extract().asString();
        assertThat(now).startsWith("# Tabs of Laptop");
    }

    @Test
    void devicesWhoseTabsStoppedChangingAreStaleEverywhere() {
        browser.request().get("/api/v1/devices").then().statusCode(200).body("devices.clientId", contains("laptop", "oldphone"))
                .body("devices.stale", contains(false, true))
                .body("devices[1].tabsChangedAt", equalTo(NOW.minus(Duration.ofDays(40)).toString()));
        browser.request().get("/api/v1/tabs").then().statusCode(200).body("devices.stale", contains(false, true));
        assertThat(browser.request().get("/basic/tabs").then().statusCode(200).extract().asString())
                .contains("<strong>Stale</strong>", "/basic/devices/oldphone/timeline");
        assertThat(browser.request().get("/basic/sync").then().statusCode(200).extract().asString()).contains(
                "<strong>Stale</strong>");
    }

    @Test
    void theHtml4TimelineListsTheChangesAndReopensASnapshot() throws Exception {
        String page = browser.request().get("/basic/devices/laptop/timeline").then().statusCode(200).extract().asString();
        assertThat(page).contains("Tuesday 17 November 2026, 14:00 UTC", "(3 tabs)");
        String snapshot = browser.request().queryParam("date", "2026-11-17").queryParam("time", "15:00")
                .get("/basic/devices/laptop/tabs-at").then().statusCode(200).extract().asString();
        assertThat(snapshot).contains("<a href=\"https://docs.example/report\">Report draft</a>",
                "&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("href=\"javascript:");
        for (String html : List.of(page, snapshot)) {
            assertThat(Html401Validator.errors(html)).as("HTML 4.01 Strict validation of:\n" + html).isEmpty();
        }
    }

    @Test
    void anotherAccountSeesNoneOfIt() throws Exception {
        TestData bob = TestData.newAccount(ds);
        Browser bobBrowser = Browser.signedIn(sessions.create(bob.account, "test", Instant.now()));
        bobBrowser.request().get("/api/v1/devices/laptop/timeline").then().statusCode(200).body("items",
                org.hamcrest.Matchers.empty());
        bobBrowser.request().get("/api/v1/devices/laptop/timeline/at").then().statusCode(404);
        bobBrowser.request().queryParam("device", "laptop").get("/api/v1/export/tabs.json").then().statusCode(404);
        new Browser().request().get("/api/v1/devices/laptop/timeline").then().statusCode(401);
    }

    private static String tab(String title, String url) {
        try {
            var mapper = new ObjectMapper();
            return mapper.writeValueAsString(mapper.createObjectNode().put("title", title).put("url", url).put("pinned", false)
                    .put("inactive", false));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void snapshot(String client, Instant at, String... tabs) throws Exception {
        TestData.exec(ds, """
                insert into tab_snapshot (account_id, client_id, taken_at, client_name, fingerprint, tab_count, tabs)
                values (?, ?, ?, ?, ?, ?, ?::jsonb)""", alice.account, client, Timestamp.from(at),
                client.equals("laptop") ? "Laptop" : "Old phone", at.toString().getBytes(), tabs.length,
                "[" + String.join(",", tabs) + "]");
    }
}
