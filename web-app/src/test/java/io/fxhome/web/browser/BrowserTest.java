package io.fxhome.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.agroal.api.AgroalDataSource;
import io.fxhome.process.testing.AppProcess;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.generator.HostileContent;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.bookmarks.BookmarkRoots;
import io.fxhome.web.testsupport.Chromium;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The user's journey in real headless Chromium (Debian's), with the real sync worker running as its own process
 * against the sandbox: sign in, watch the first sync finish, see each device's tabs, open a bookmarks folder, search,
 * sign out; the hostile records of the generated profile show as inert text; the HTML4 pages work with JavaScript
 * off. Screenshots of the main pages at phone and tablet size go to target/screenshots/.
 */
@QuarkusTest
@TestProfile(BrowserProfile.class)
@WithTestResource(SandboxTestResource.class)
class BrowserTest {
    static {
        JobQueueCleanup.deleteAtExit(BrowserProfile.NAMESPACE);
    }

    private static final AtomicLong SEEDS = new AtomicLong(31_000);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static AppProcess worker;

    @TestHTTPResource("/")
    URL base;
    @Inject
    AgroalDataSource ds;

    @BeforeAll
    static void startWorker() throws Exception {
        worker = PackagedWorker.start("browser-worker");
    }

    @AfterAll
    static void stopWorker() throws Exception {
        if (worker != null) {
            worker.close();
        }
    }

    private static String newSandboxAccount() {
        String email = "browser-" + UUID.randomUUID() + "@example.test";
        SandboxTestResource.server().sandbox()
                .createAccount(NewAccount.of(email, "correct horse").withProfile(ProfileSpec.small(SEEDS.getAndIncrement())));
        return email;
    }

    @Test
    void signInWatchTheFirstSyncBrowseSearchAndSignOut() throws Exception {
        String email = newSandboxAccount();
        TruthOracle truth = new TruthOracle(SandboxTestResource.server().sandbox().truth(email));
        try (Chromium chromium = Chromium.start(true)) {
            WebDriver d = chromium.driver;
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            d.get(base.toString());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
            assertThat(d.findElement(By.id("main")).getText()).doesNotContain("null").doesNotContain("undefined");
            chromium.screenshots("01-signin");
            d.findElement(By.id("email")).sendKeys(email);
            d.findElement(By.id("password")).sendKeys("correct horse");
            d.findElement(By.cssSelector("#signin-form button[type=submit]")).click();

            // The first-sync screen, live, until the worker's first run is done; then the tabs.
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sync-progress")));
            chromium.screenshots("02-first-sync");
            new WebDriverWait(d, Duration.ofSeconds(120))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("first-sync-done")));
            wait.until(ExpectedConditions.urlContains("#/tabs"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.device")));

            // Each device with its tabs, as Firefox uploaded them.
            Map<String, Integer> shown = new HashMap<>();
            for (WebElement section : d.findElements(By.cssSelector("section.device"))) {
                shown.put(section.findElement(By.tagName("h2")).getText(), section.findElements(By.cssSelector("li")).size());
            }
            assertThat(shown).isEqualTo(truth.tabsByDevice());
            assertThat(d.findElement(By.id("main")).getText()).doesNotContain("undefined");
            // The hostile tab titles are text, the data: URL is not a link, and nothing ran.
            assertThat(texts(d, ".item-title")).contains(HostileContent.SCRIPT_TITLE, HostileContent.NON_BMP_TITLE);
            assertInert(d);
            chromium.screenshots("03-tabs");

            // A bookmarks folder, reached by clicking through its root.
            TruthOracle.Folder folder = truth.someFolder();
            d.findElement(By.cssSelector("#nav a[data-section=bookmarks]")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.linkText(BookmarkRoots.title(folder.rootId(), null))))
                    .click();
            wait.until(ExpectedConditions.elementToBeClickable(By.linkText(folder.title()))).click();
            wait.until(ExpectedConditions.textToBe(By.tagName("h1"), folder.title()));
            assertThat(texts(d, "nav.crumbs li")).containsExactly("Bookmarks", BookmarkRoots.title(folder.rootId(), null),
                    folder.title());
            assertThat(texts(d, "#folder-items .item-title")).containsExactly(folder.childTitles().toArray(String[]::new));
            assertInert(d);
            chromium.screenshots("04-bookmarks-folder");

            // History, grouped by day.
            d.findElement(By.cssSelector("#nav a[data-section=history]")).click();
            waitOrExplain(chromium, wait, By.cssSelector("#history h2"));
            assertThat(texts(d, "#history h2").get(0)).isIn("Today", "Yesterday");
            assertInert(d);
            chromium.screenshots("05-history");

            // Search as you type: the address bar's top results.
            // Pages of equal rank may come in either order: each place of the list must hold a page of that place's rank.
            SearchOracle search = new SearchOracle(SandboxTestResource.server().sandbox().truth(email));
            String word = search.word();
            WebElement q = d.findElement(By.id("q"));
            q.click();
            q.sendKeys(word);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), word));
            List<SearchOracle.Rank> expected = search.top(word, 5);
            assertThat(expected).isNotEmpty();
            wait.until(dr -> texts(dr, "#search-results .item-url").size() >= expected.size());
            Map<String, SearchOracle.Rank> matches = search.matches(word);
            List<String> results = texts(d, "#search-results .item-url").subList(0, expected.size());
            assertThat(results).allSatisfy(url -> assertThat(matches).containsKey(url)).doesNotHaveDuplicates();
            assertThat(results.stream().map(matches::get).toList()).as("ranks of %s", results)
                    .containsExactlyElementsOf(expected);
            assertInert(d);
            chromium.screenshots("06-search");

            // Offline, the service worker serves the app shell and the lists as last loaded.
            d.findElement(By.cssSelector("#nav a[data-section=tabs]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.device")));
            wait.until(dr -> Boolean.TRUE.equals(((JavascriptExecutor) dr)
                    .executeScript("return !!(navigator.serviceWorker && navigator.serviceWorker.controller)")));
            chromium.driver.setNetworkConditions(new ChromiumNetworkConditions() {
                {
                    setOffline(true);
                }
            });
            try {
                d.navigate().refresh();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.device")));
                Map<String, Integer> offline = new HashMap<>();
                for (WebElement section : d.findElements(By.cssSelector("section.device"))) {
                    offline.put(section.findElement(By.tagName("h2")).getText(),
                            section.findElements(By.cssSelector("li")).size());
                }
                assertThat(offline).isEqualTo(shown);
            } finally {
                chromium.driver.deleteNetworkConditions();
            }

            // Devices and sync status; then sign out.
            d.findElement(By.cssSelector("#nav a[data-section=devices]")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("sync-now")));
            chromium.screenshots("07-devices");
            d.findElement(By.id("sign-out")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
            d.get(base + "#/tabs");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
            assertThat(d.getCurrentUrl()).endsWith("#/signin");
        }
    }

    @Test
    void theHtml4PagesWorkWithJavaScriptOff() throws Exception {
        String email = newSandboxAccount();
        TruthOracle truth = new TruthOracle(SandboxTestResource.server().sandbox().truth(email));
        try (Chromium chromium = Chromium.start(false)) {
            WebDriver d = chromium.driver;
            d.get(base.toString());
            // The HTML5 shell tells a browser without script where to go.
            assertThat(d.findElement(By.cssSelector("main a[href='/basic/']")).getText()).contains("basic HTML version");
            d.get(base + "basic/");
            d.findElement(By.id("email")).sendKeys(email);
            d.findElement(By.id("password")).sendKeys("correct horse");
            follow(d, By.cssSelector("input[type=submit][value='Sign in']"));
            new WebDriverWait(d, WAIT).withMessage(d::getPageSource).until(ExpectedConditions.urlContains("/basic/sync"));
            chromium.screenshots("11-basic-first-sync");
            String account = TestData.one(ds, "select id from account where email = ?", email);
            await("first sync finished in time").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> TestData.one(ds, "select last_sync_at is not null from account where id = ?::uuid", account)
                            .equals("t"));

            follow(d, By.linkText("Tabs"));
            Map<String, Integer> devices = truth.tabsByDevice();
            assertThat(texts(d, "h2")).containsExactlyInAnyOrderElementsOf(devices.keySet());
            assertThat(d.getPageSource()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            assertInert(d);
            chromium.screenshots("12-basic-tabs");

            TruthOracle.Folder folder = truth.someFolder();
            follow(d, By.linkText("Bookmarks"));
            follow(d, By.linkText(BookmarkRoots.title(folder.rootId(), null)));
            follow(d, By.linkText(folder.title()));
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo(folder.title());
            assertInert(d);
            chromium.screenshots("13-basic-bookmarks");

            follow(d, By.linkText("History"));
            assertThat(d.findElements(By.cssSelector("ul li"))).hasSizeGreaterThan(10);
            assertInert(d);
            chromium.screenshots("14-basic-history");

            String word = new SearchOracle(SandboxTestResource.server().sandbox().truth(email)).word();
            d.findElement(By.id("q")).sendKeys(word);
            follow(d, By.cssSelector("form.search input[type=submit]"));
            assertThat(d.getCurrentUrl()).contains("/basic/search?q=" + word);
            assertThat(d.findElements(By.cssSelector("ol li"))).isNotEmpty();
            chromium.screenshots("15-basic-search");

            follow(d, By.linkText("Devices and sync"));
            follow(d, By.cssSelector("input[type=submit][value='Sign out']"));
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");
        }
    }

    /**
     * Clicks a link or submit button and waits until the next page has replaced this one and loaded: click() may return
     * while a navigation (a form's above all) is still under way, and an element found then belongs to the old page.
     * A document is told apart by its time origin, not by an element of it: asking Chromium about an element of a
     * page being replaced can fail with errors other than "stale" ("Node ... does not belong to the document").
     */
    static void follow(WebDriver d, By what) {
        Object before = documentOrigin(d);
        d.findElement(what).click();
        new WebDriverWait(d, WAIT).ignoring(WebDriverException.class)
                .until(dr -> !before.equals(documentOrigin(dr)) && "complete".equals(script(dr, "return document.readyState")));
    }

    private static Object documentOrigin(WebDriver d) {
        return script(d, "return String(performance.timeOrigin)");
    }

    private static Object script(WebDriver d, String js) {
        return ((JavascriptExecutor) d).executeScript(js);
    }

    /** Waits for an element; on time-out, the page's state goes into the failure (and a screenshot is kept). */
    private static void waitOrExplain(Chromium chromium, WebDriverWait wait, By what) throws Exception {
        try {
            wait.until(ExpectedConditions.presenceOfElementLocated(what));
        } catch (TimeoutException e) {
            chromium.screenshots("failure");
            throw new AssertionError(
                    "timed out waiting for " + what + " at " + chromium.driver.getCurrentUrl() + "; the page says: "
                            + chromium.driver.findElement(By.id("main")).getText(),
                    e);
        }
    }

    /** No javascript: or data: link anywhere, and no script of a record ran (it would have opened an alert). */
    static void assertInert(WebDriver d) {
        assertThat(d.findElements(By.cssSelector("a[href^='javascript:' i], a[href^='data:' i], a[href^=' javascript:' i]")))
                .isEmpty();
        assertThat(d.findElements(By.cssSelector("main img, body > img"))).isEmpty();
        try {
            d.switchTo().alert();
            throw new AssertionError("a record's script opened an alert");
        } catch (NoAlertPresentException expected) {
            // inert
        }
    }

    static List<String> texts(WebDriver d, String css) {
        return d.findElements(By.cssSelector(css)).stream().map(e -> e.getDomProperty("textContent").trim()).toList();
    }
}
