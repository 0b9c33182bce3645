package io.fxhome.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.generator.HostileContent;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.NetworkSwitch;
import io.fxhome.web.testsupport.WebKit;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The HTML5 app in WebKit (WebKitGTK's MiniBrowser: the engine of Safari and of the iOS wrapper's WKWebView), with the
 * real sync worker (the one {@link BrowserTest} starts) against the sandbox: what docs/ios-wrapper.md promises a
 * wrapper. Sign in, the first sync, tabs, the session cookie as WebKit keeps it, how links open, search, the offline
 * shell served by the service worker (the line to the app cut by a {@link NetworkSwitch}, as WebKitWebDriver has no
 * network emulation), sign out; and light and dark mode as the system setting says. Screenshots go to
 * target/screenshots/webkit-*.
 */
@QuarkusTest
@TestProfile(BrowserProfile.class)
@WithTestResource(SandboxTestResource.class)
class WebKitBrowserTest {
    static {
        JobQueueCleanup.deleteAtExit(BrowserProfile.NAMESPACE);
    }

    private static final AtomicLong SEEDS = new AtomicLong(33_000);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The app's background in each scheme (app.css: --bg). */
    private static final String LIGHT_BACKGROUND = "rgb(249, 249, 251)";
    private static final String DARK_BACKGROUND = "rgb(28, 27, 34)";

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startWorker() throws Exception {
        BrowserTest.startWorker();
    }

    @AfterAll
    static void stopWorker() throws Exception {
        BrowserTest.stopWorker();
    }

    @Test
    void signInTabsLinksSearchOfflineAndSignOut() throws Exception {
        String email = "webkit-" + UUID.randomUUID() + "@example.test";
        SandboxTestResource.server().sandbox()
                .createAccount(NewAccount.of(email, "correct horse").withProfile(ProfileSpec.small(SEEDS.getAndIncrement())));
        TruthOracle truth = new TruthOracle(SandboxTestResource.server().sandbox().truth(email));
        try (NetworkSwitch line = NetworkSwitch.before(base); WebKit webkit = WebKit.start(WebKit.Options.DEFAULT)) {
            String app = line.url().toString();
            WebDriver d = webkit.driver;
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            d.get(app);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
            webkit.screenshots("01-signin");
            d.findElement(By.id("email")).sendKeys(email);
            d.findElement(By.id("password")).sendKeys("correct horse");
            d.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sync-progress")));

            // The session cookie as WebKit stores it: out of the page's reach, first-party only, for the whole app.
            Cookie session = d.manage().getCookieNamed("fxhome_session");
            assertThat(session).isNotNull();
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualTo("Lax");
            assertThat(session.getPath()).isEqualTo("/");
            assertThat(session.getExpiry()).as("a lasting cookie, kept when the wrapper is restarted").isNotNull();
            assertThat((String) script(d, "return document.cookie")).doesNotContain("fxhome_session");

            new WebDriverWait(d, Duration.ofSeconds(120))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("first-sync-done")));
            wait.until(ExpectedConditions.urlContains("#/tabs"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.device")));
            Map<String, Integer> shown = devicesShown(d);
            assertThat(shown).isEqualTo(truth.tabsByDevice());
            assertThat(BrowserTest.texts(d, ".item-title")).contains(HostileContent.SCRIPT_TITLE, HostileContent.NON_BMP_TITLE);
            BrowserTest.assertInert(d);
            webkit.screenshots("03-tabs");

            linksOpenAsAWrapperExpects(d, wait, app);
            search(d, wait, email);

            offlineTheShellShowsTheLastLists(d, wait, line, shown);
            webkit.screenshots("07-offline-tabs");

            d.findElement(By.cssSelector("#nav a[data-section=devices]")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-out"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
            d.get(app + "#/tabs");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
            assertThat(d.getCurrentUrl()).endsWith("#/signin");
            assertThat(d.manage().getCookieNamed("fxhome_session")).isNull();
        }
    }

    /**
     * A synced link opens outside the app (target=_blank: a wrapper's WKUIDelegate gets it and hands it to Safari) with
     * no opener and no referrer; the app's own links stay in the view; javascript: and data: URLs are never links.
     */
    private static void linksOpenAsAWrapperExpects(WebDriver d, WebDriverWait wait, String app) {
        // Attributes as written, read by script: WebKitWebDriver's Get Element Attribute answers href resolved and ""
        // for an attribute that is not there.
        List<WebElement> synced = d.findElements(By.cssSelector("#main a.item-title"));
        assertThat(synced).isNotEmpty().allSatisfy(a -> {
            assertThat(attribute(d, a, "href")).matches("(?i)(https?|ftp)://\\S+");
            assertThat(attribute(d, a, "target")).isEqualTo("_blank");
            assertThat(attribute(d, a, "rel").split(" ")).contains("noopener", "noreferrer");
        });
        assertThat(d.findElements(By.cssSelector("#nav a, .skip"))).isNotEmpty().allSatisfy(a -> {
            assertThat(attribute(d, a, "href")).startsWith("#");
            assertThat(attribute(d, a, "target")).isNull();
        });
        // A tab's hostile data: URL is on the page as text (and no javascript: or data: link anywhere: assertInert).
        assertThat(BrowserTest.texts(d, ".item-url.inert")).contains(HostileContent.DATA_URL);

        // What WebKit does with such a link: a new window, without a handle back to the app and without a referrer.
        // The link is pointed at the app's own page first: a test never loads a synced site.
        String window = d.getWindowHandle();
        script(d, "arguments[0].href = arguments[1]", synced.get(0), app + "?opened-from-a-link");
        synced.get(0).click();
        wait.until(dr -> dr.getWindowHandles().size() == 2);
        List<String> windows = new ArrayList<>(d.getWindowHandles());
        windows.remove(window);
        d.switchTo().window(windows.get(0));
        wait.until(dr -> "complete".equals(script(dr, "return document.readyState")));
        assertThat(script(d, "return window.opener === null")).isEqualTo(true);
        assertThat(script(d, "return document.referrer")).isEqualTo("");
        d.close();
        d.switchTo().window(window);
    }

    /** Search as you type: the address bar's best match first, every result a match. */
    private static void search(WebDriver d, WebDriverWait wait, String email) throws Exception {
        SearchOracle oracle = new SearchOracle(SandboxTestResource.server().sandbox().truth(email));
        String word = oracle.word();
        WebElement q = d.findElement(By.id("q"));
        q.click();
        q.sendKeys(word);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), word));
        List<SearchOracle.Rank> expected = oracle.top(word, 5);
        assertThat(expected).isNotEmpty();
        wait.until(dr -> BrowserTest.texts(dr, "#search-results .item-url").size() >= expected.size());
        Map<String, SearchOracle.Rank> matches = oracle.matches(word);
        List<String> results = BrowserTest.texts(d, "#search-results .item-url");
        assertThat(results).allSatisfy(url -> assertThat(matches).containsKey(url)).doesNotHaveDuplicates();
        assertThat(matches.get(results.get(0))).isEqualTo(expected.get(0));
        BrowserTest.assertInert(d);
    }

    /**
     * With the service worker in control (WebKit runs it on http://localhost too, and under automation), the line is
     * cut: a reload still opens the app and shows the tabs as last loaded.
     */
    private static void offlineTheShellShowsTheLastLists(WebDriver d, WebDriverWait wait, NetworkSwitch line,
            Map<String, Integer> shown) {
        wait.until(dr -> Boolean.TRUE
                .equals(script(dr, "return !!(navigator.serviceWorker && navigator.serviceWorker.controller)")));
        // The app loaded again under the worker's control, so that its cache holds the account (/api/v1/me): an
        // offline start counts as signed in only while the worker holds it (it drops it at every way out).
        d.navigate().refresh();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#nav a[data-section=history]")));
        // Loaded again under the worker's control, so that its cache holds this answer.
        d.findElement(By.cssSelector("#nav a[data-section=history]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#history h2")));
        d.findElement(By.cssSelector("#nav a[data-section=tabs]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.device")));
        line.cut();
        try {
            d.navigate().refresh();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.device")));
            assertThat(devicesShown(d)).isEqualTo(shown);
        } finally {
            line.restore();
        }
    }

    @Test
    void lightAndDarkModeFollowTheSystemSetting() throws Exception {
        for (boolean dark : new boolean[] { false, true }) {
            try (WebKit webkit = WebKit.start(new WebKit.Options(dark))) {
                WebDriver d = webkit.driver;
                d.get(base.toString());
                new WebDriverWait(d, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
                assertThat(script(d, "return matchMedia('(prefers-color-scheme: dark)').matches")).isEqualTo(dark);
                assertThat(script(d, "return getComputedStyle(document.body).backgroundColor"))
                        .isEqualTo(dark ? DARK_BACKGROUND : LIGHT_BACKGROUND);
                // What the wrapper's web view reads: the page fills the screen under the notch and home indicator
                // (viewport-fit=cover) and pads itself by the safe-area insets, which WebKit understands.
                assertThat(d.findElement(By.cssSelector("meta[name=viewport]")).getDomAttribute("content"))
                        .contains("viewport-fit=cover");
                assertThat(script(d, "return CSS.supports('padding-top', 'env(safe-area-inset-top)')")).isEqualTo(true);
                webkit.screenshots(dark ? "02-signin-dark" : "02-signin-light");
            }
        }
    }

    private static Map<String, Integer> devicesShown(WebDriver d) {
        Map<String, Integer> shown = new HashMap<>();
        for (WebElement section : d.findElements(By.cssSelector("section.device"))) {
            shown.put(section.findElement(By.tagName("h2")).getText(), section.findElements(By.cssSelector("li")).size());
        }
        return shown;
    }

    private static String attribute(WebDriver d, WebElement e, String name) {
        return (String) script(d, "return arguments[0].getAttribute(arguments[1])", e, name);
    }

    private static Object script(WebDriver d, String js, Object... args) {
        return ((JavascriptExecutor) d).executeScript(js, args);
    }
}
