package io.fxhome.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.bookmarks.BookmarkRoots;
import io.fxhome.web.session.SessionCookie;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.session.Sessions;
import io.fxhome.web.testsupport.Chromium;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * After every way out of an account, nothing of it is readable offline, in real headless Chromium: the HTML5 app is
 * used until the service worker holds each list (tabs, history, bookmarks, search, and {@code /api/v1/me} with the CSRF
 * token), which a control step reads offline; then the account leaves the browser (the app's sign-out, the HTML4
 * sign-out, the app's deletion, the HTML4 deletion, or the session ended elsewhere, met as a 401); then, offline, the
 * app and every list URL it had cached are loaded, and none shows the account's data or its CSRF token.
 * <p>
 * The HTML4 ways run no script of fxhome's: they prove the server's {@code Clear-Site-Data} on its own. Offline is
 * DevTools' network emulation (Chromium's driver).
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class SignOutForgetsOfflineDataBrowserTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;
    @Inject
    AgroalDataSource ds;
    @Inject
    SessionStore store;
    @Inject
    Sessions sessions;

    /** How the account leaves the browser. */
    enum WayOut {
        APP_SIGN_OUT,
        BASIC_SIGN_OUT,
        APP_DELETE,
        BASIC_DELETE,
        SESSION_ENDED_ELSEWHERE
    }

    @Test
    void theAppsSignOut() throws Exception {
        leaveAndCheck(WayOut.APP_SIGN_OUT);
    }

    @Test
    void theHtml4SignOut() throws Exception {
        leaveAndCheck(WayOut.BASIC_SIGN_OUT);
    }

    @Test
    void theAppsDeletion() throws Exception {
        leaveAndCheck(WayOut.APP_DELETE);
    }

    @Test
    void theHtml4Deletion() throws Exception {
        leaveAndCheck(WayOut.BASIC_DELETE);
    }

    @Test
    void aSessionEndedElsewhereMetAsA401() throws Exception {
        leaveAndCheck(WayOut.SESSION_ENDED_ELSEWHERE);
    }

    private void leaveAndCheck(WayOut way) throws Exception {
        String mark = "offlinemark" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestData data = TestData.newAccount(ds);
        data.device("laptop", "Laptop " + mark, "desktop", Instant.now().getEpochSecond())
                .tab("laptop", 0, "Tab " + mark, "https://tab.example/" + mark, Instant.now())
                .folder("toolbar", "places", 0, "toolbar", List.of("b1")).folder("menu", "places", 1, "menu", List.of())
                .folder("unfiled", "places", 2, "unfiled", List.of()).folder("mobile", "places", 3, "mobile", List.of())
                .bookmark("b1", "toolbar", 0, "Bookmark " + mark, "https://bookmark.example/" + mark)
                .place("p1", "https://history.example/" + mark, "Page " + mark, 3, Instant.now());
        SessionCookie session = store.create(data.account, "test", Instant.now());

        try (Chromium chromium = Chromium.start(true)) {
            WebDriver d = chromium.driver;
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            d.get(base + "ping");
            d.manage().addCookie(new Cookie("fxhome_session", session.value(), "/"));

            // Use the app until the service worker holds every list.
            d.get(base.toString());
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.device")));
            wait.until(dr -> Boolean.TRUE
                    .equals(script(dr, "return !!(navigator.serviceWorker && navigator.serviceWorker.controller)")));
            for (String section : List.of("history", "bookmarks", "devices", "tabs")) {
                d.findElement(By.cssSelector("#nav a[data-section=" + section + "]")).click();
                String shows = switch (section) {
                    case "devices" -> "Sign out";
                    case "bookmarks" -> BookmarkRoots.title("toolbar", null);
                    default -> mark;
                };
                wait.until(dr -> dr.findElement(By.id("main")).getText().contains(shows));
            }
            d.get(base + "#/search?q=" + mark);
            wait.until(dr -> dr.findElement(By.id("main")).getText().contains("Page " + mark));
            List<String> kinds = List.of("/api/v1/tabs", "/api/v1/history", "/api/v1/bookmarks", "/api/v1/search",
                    "/api/v1/me");
            wait.until(dr -> kinds.stream()
                    .allMatch(k -> cachedLists(dr).stream().anyMatch(u -> URI.create(u).getPath().startsWith(k))));
            List<String> cached = cachedLists(d);

            // The control: offline, the cached lists show the account.
            offline(chromium, true);
            try {
                for (String url : cached) {
                    d.get(url);
                    assertThat(d.getPageSource()).as("offline before leaving: " + url).containsAnyOf(mark,
                            session.csrfToken(), "\"roots\"");
                }
            } finally {
                offline(chromium, false);
            }

            leave(d, wait, way, session);

            offline(chromium, true);
            try {
                if (loadsOffline(d, base.toString())) {
                    Thread.sleep(1_000); // let the app render what it would show
                    assertThat(d.getPageSource()).as("the app offline after " + way).doesNotContain(mark);
                    assertThat(d.findElements(By.cssSelector("section.device"))).isEmpty();
                }
                for (String url : cached) {
                    if (loadsOffline(d, url)) {
                        assertThat(d.getPageSource()).as(url + " offline after " + way).doesNotContain(mark)
                                .doesNotContain(session.csrfToken()).doesNotContain("\"roots\"");
                    }
                }
            } finally {
                offline(chromium, false);
            }
        }
    }

    private void leave(WebDriver d, WebDriverWait wait, WayOut way, SessionCookie session) {
        switch (way) {
            case APP_SIGN_OUT -> {
                d.get(base + "#/devices");
                wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-out"))).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
            }
            case APP_DELETE -> {
                d.get(base + "#/devices");
                wait.until(ExpectedConditions.elementToBeClickable(By.id("unlink"))).click();
                wait.until(ExpectedConditions.alertIsPresent()).accept();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
            }
            case BASIC_SIGN_OUT -> {
                d.get(base + "basic/sync");
                BrowserTest.follow(d, By.cssSelector("input[type=submit][value='Sign out']"));
                assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");
            }
            case BASIC_DELETE -> {
                d.get(base + "basic/sync");
                d.findElement(By.id("confirm")).click();
                BrowserTest.follow(d, By.cssSelector("input[type=submit][value='Unlink and delete everything']"));
                assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");
            }
            case SESSION_ENDED_ELSEWHERE -> {
                // Signed out on another device (or expired): the app learns it from its next call, a 401.
                d.get(base.toString());
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.device")));
                sessions.end(session);
                d.findElement(By.cssSelector("#nav a[data-section=history]")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
            }
        }
    }

    /**
     * Opens {@code url} offline; false when Chromium shows its "no connection" error (nothing served it: the service
     * worker is gone), in which case nothing of the account can be on the page either.
     */
    private static boolean loadsOffline(WebDriver d, String url) {
        try {
            d.get(url);
            return true;
        } catch (WebDriverException e) {
            assertThat(e.getMessage()).contains("ERR_INTERNET_DISCONNECTED");
            return false;
        }
    }

    /** The URLs in the service worker's list cache. */
    private static List<String> cachedLists(WebDriver d) {
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) ((JavascriptExecutor) d).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                caches.open('fxhome-data-v1').then((c) => c.keys()).then((keys) => done(keys.map((k) => k.url)));""");
        return urls;
    }

    private static Object script(WebDriver d, String js) {
        return ((JavascriptExecutor) d).executeScript(js);
    }

    /** Offline or back online, by DevTools' network emulation (it covers the service worker's fetches too). */
    private static void offline(Chromium chromium, boolean offline) {
        if (offline) {
            chromium.driver.setNetworkConditions(new ChromiumNetworkConditions() {
                {
                    setOffline(true);
                }
            });
        } else {
            chromium.driver.deleteNetworkConditions();
        }
    }
}
