package io.fxhome.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.process.testing.AppProcess;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.generator.CleartextTruth;
import io.fxhome.sandbox.generator.CollectionTruth;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.Chromium;
import io.fxhome.web.testsupport.Html401Validator;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.PythonCsv;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The whole history end to end: a generated Firefox profile in the sandbox, synced by the real worker process into
 * PostgreSQL, then in Chromium: the calendar and a day's visits match what Firefox uploaded (the sandbox's cleartext
 * truth), sites and a site's pages, one page's story, a search in a date range, purging a site (fxhome's copy only),
 * the HTML4 pages (valid HTML 4.01 Strict) and the CSV export, whose rows are every visit Firefox uploaded. Hostile
 * records stay inert. Phone and tablet screenshots go to target/screenshots/.
 */
@QuarkusTest
@TestProfile(BrowserProfile.class)
@WithTestResource(SandboxTestResource.class)
class HistoryBrowserTest {
    static {
        JobQueueCleanup.deleteAtExit(BrowserProfile.NAMESPACE);
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static AppProcess worker;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startWorker() throws Exception {
        worker = PackagedWorker.start("history-browser-worker");
    }

    @AfterAll
    static void stopWorker() throws Exception {
        if (worker != null) {
            worker.close();
        }
    }

    /** Visits Firefox uploaded (live history records, each visit once by date and type), per UTC day. */
    private static TreeMap<LocalDate, Integer> visitsPerDay(CleartextTruth truth) {
        CollectionTruth history = truth.collection("history");
        TreeMap<LocalDate, Integer> days = new TreeMap<>();
        for (String id : history.records().keySet()) {
            if (history.tombstones().contains(id) || history.skipped().containsKey(id)) {
                continue;
            }
            ObjectNode record = history.cleartext(id);
            Set<String> seen = new HashSet<>();
            for (JsonNode v : record.path("visits")) {
                if (seen.add(v.path("date").asLong() + "/" + v.path("type").asInt())) {
                    LocalDate day = Instant.EPOCH.plusNanos(v.path("date").asLong() * 1000).atZone(ZoneOffset.UTC)
                            .toLocalDate();
                    days.merge(day, 1, Integer::sum);
                }
            }
        }
        return days;
    }

    @Test
    void theWholeHistoryFromAnotherFirefoxInTheAppTheHtml4PagesAndTheExport() throws Exception {
        String email = "history-" + UUID.randomUUID() + "@example.test";
        SandboxTestResource.server().sandbox()
                .createAccount(NewAccount.of(email, "correct horse").withProfile(ProfileSpec.small(47_000)));
        TreeMap<LocalDate, Integer> perDay = visitsPerDay(SandboxTestResource.server().sandbox().truth(email));
        LocalDate busiest = perDay.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        int busiestVisits = perDay.get(busiest);
        int allVisits = perDay.values().stream().mapToInt(Integer::intValue).sum();
        try (Chromium chromium = Chromium.start(true)) {
            WebDriver d = chromium.driver;
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            // Chromium runs in UTC here, as the truth's days are counted.
            d.get(base.toString());
            assertThat(((JavascriptExecutor) d).executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone"))
                    .isIn("UTC", "Etc/UTC");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
            d.findElement(By.id("email")).sendKeys(email);
            d.findElement(By.id("password")).sendKeys("correct horse");
            d.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
            new WebDriverWait(d, Duration.ofSeconds(120))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("first-sync-done")));
            wait.until(ExpectedConditions.urlContains("#/tabs"));

            // The calendar of the busiest month: the busiest day's count is what Firefox uploaded.
            d.findElement(By.cssSelector("#nav a[data-section=history]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("nav.subnav a[href='#/calendar']")));
            d.get(base + "#/calendar/" + busiest.toString().substring(0, 7));
            wait.until(
                    ExpectedConditions.presenceOfElementLocated(By.cssSelector("#calendar a[href='#/day/" + busiest + "']")));
            assertThat(d.findElement(By.cssSelector("#calendar a[href='#/day/" + busiest + "'] .cal-count")).getText())
                    .isEqualTo(String.valueOf(busiestVisits));
            assertThat(d.findElement(By.cssSelector("#nav a[data-section=history]")).getAttribute("aria-current"))
                    .isEqualTo("page");
            chromium.screenshots("history-01-calendar");

            // That day: every visit, oldest first, paged by "Load more" (a real button, reached by keyboard too).
            d.findElement(By.cssSelector("#calendar a[href='#/day/" + busiest + "']")).click();
            wait.until(dr -> dr.findElements(By.cssSelector("#day-visits li")).size() >= Math.min(busiestVisits, 50));
            while (d.findElements(By.id("day-visits-more")).size() > 0) {
                int before = d.findElements(By.cssSelector("#day-visits li")).size();
                d.findElement(By.id("day-visits-more")).click();
                wait.until(dr -> dr.findElements(By.cssSelector("#day-visits li")).size() > before
                        || dr.findElements(By.id("day-visits-more")).isEmpty());
            }
            assertThat(d.findElements(By.cssSelector("#day-visits li"))).hasSize(busiestVisits);
            BrowserTest.assertInert(d);
            chromium.screenshots("history-02-day");

            // Sites, most recent first, and a site's pages; then a page's story from its list.
            d.get(base + "#/sites");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sites li a")));
            chromium.screenshots("history-03-sites");
            String host = d.findElement(By.cssSelector("#sites li a")).getText();
            d.findElement(By.cssSelector("#sites li a")).click();
            wait.until(ExpectedConditions.textToBe(By.tagName("h1"), host));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#site-pages li .story-link")));
            String pageTitle = d.findElement(By.cssSelector("#site-pages li .item-title")).getText();
            d.findElement(By.cssSelector("#site-pages li .story-link")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("story-summary")));
            // The story's heading is the page's title (an untitled page's list entry shows its URL instead).
            assertThat(d.findElement(By.tagName("h1")).getText()).isIn(pageTitle, "(untitled page)");
            assertThat(d.findElement(By.id("story-summary")).getText()).contains("visits").contains("frecency");
            assertThat(d.findElements(By.cssSelector("#story-visits li"))).isNotEmpty();
            BrowserTest.assertInert(d);
            chromium.screenshots("history-04-story");

            // A search restricted to the busiest day finds visits of that day only.
            d.get(base + "#/history-search?q=e&from=" + busiest + "&to=" + busiest);
            wait.until(dr -> !dr.findElements(By.cssSelector("#history-search-results li")).isEmpty());
            String shownDay = (String) ((JavascriptExecutor) d).executeScript(
                    "return new Date(arguments[0] + 'T12:00:00').toLocaleDateString()", busiest.toString());
            assertThat(BrowserTest.texts(d, "#history-search-results li > .muted"))
                    .allSatisfy(t -> assertThat(t).startsWith(shownDay + " "));
            chromium.screenshots("history-05-search");

            // The HTML4 pages: the same day's visits, valid HTML 4.01 Strict, and the calendar, sites, story and purge pages.
            d.get(base + "basic/history/day?date=" + busiest);
            assertThat(d.findElements(By.cssSelector("ol li"))).hasSize(Math.min(busiestVisits, 50));
            BrowserTest.assertInert(d);
            for (String page : List.of("basic/history/day?date=" + busiest,
                    "basic/history/calendar?month=" + busiest.toString().substring(0, 7),
                    "basic/history/sites", "basic/history/sites/" + host, "basic/history/search?q=e&from=" + busiest,
                    "basic/history/purge",
                    "basic/history")) {
                assertThat(Html401Validator.errors(fetch(d, "/" + page))).as(page).isEmpty();
            }
            d.get(base + "basic/history/sites/" + host);
            d.findElement(By.cssSelector("a.story")).click();
            assertThat(d.findElement(By.tagName("h2")).getText()).isEqualTo("Open now");
            assertThat(Html401Validator.errors(fetch(d, new URL(d.getCurrentUrl()).getFile()))).isEmpty();

            // The export holds every visit Firefox uploaded.
            byte[] csv = fetchBytes(d, "/api/v1/export/history.csv");
            assertThat(PythonCsv.rows(csv)).hasSize(allVisits + 1);

            // Purging a site deletes fxhome's copy of it, after saying so.
            d.get(base + "#/purge");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("purge-scope")));
            assertThat(d.findElement(By.id("purge-scope")).getText()).contains("fxhome's copy only");
            chromium.screenshots("history-06-purge");
            ((JavascriptExecutor) d).executeScript("window.confirm = () => true;");
            d.findElement(By.id("pr-host")).sendKeys(host);
            d.findElement(By.cssSelector("#purge-site-form button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("purge-result"), "fxhome's copy only"));
            d.get(base + "#/sites");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sites li a")));
            assertThat(BrowserTest.texts(d, "#sites li a")).doesNotContain(host);
        }
    }

    /** A page as the server sends it, with this browser's session. */
    private String fetch(WebDriver d, String path) throws Exception {
        return new String(fetchBytes(d, path), java.nio.charset.StandardCharsets.UTF_8);
    }

    private byte[] fetchBytes(WebDriver d, String path) {
        Browser b = new Browser();
        b.session = d.manage().getCookieNamed(Browser.COOKIE).getValue();
        return b.request().urlEncodingEnabled(false).get(path).asByteArray();
    }
}
