package io.fxhome.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.session.SessionCookie;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.Chromium;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.fxhome.web.testsupport.WebBrowser;
import io.fxhome.web.testsupport.WebKit;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every view issue 18 added to the HTML5 app (a day of history, the calendar, sites and a site's pages, search by date,
 * delete and export, a page's story, a device's tab timeline, the bookmark health report and Lost and found, API tokens,
 * the inbox), in Chromium and in WebKit, each shot at phone and tablet size (target/screenshots/views-*, webkit-views-*)
 * and checked for keyboards and screen readers: every field has a label, every link and button a name, nothing takes a
 * positive tabindex; in Chromium, Tab from the view's start walks its links, fields and buttons in page order, each
 * with a visible focus ring. The data is written straight to PostgreSQL: these views need no sync to be looked at.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class ArchiveViewsBrowserTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Tab presses per view: enough to walk a view's controls without walking every row of a long list. */
    private static final int TABS = 12;

    @TestHTTPResource("/")
    URL base;
    @Inject
    AgroalDataSource ds;
    @Inject
    SessionStore store;

    /** A view: its route and an element that shows it has loaded. */
    record View(String name, String route, String ready) {
    }

    @Test
    void everyArchiveViewIsLabelledKeyboardUsableAndShotInBothEngines() throws Exception {
        TestData data = TestData.newAccount(ds);
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant noon = today.atTime(12, 0).toInstant(ZoneOffset.UTC);
        Instant visit = noon.isAfter(now) ? now.minusSeconds(60) : noon;
        data.place("p1", "https://news.example/today", "Today's news", 1, visit)
                .place("p2", "https://docs.example/report", "Report draft", 1, visit.minusSeconds(3600))
                .place("p3", "https://news.example/sport", "Sport", 1, visit.minusSeconds(7200));
        data.device("laptop", "Laptop", "desktop", now.getEpochSecond()).tab("laptop", 0, "Today's news",
                "https://news.example/today", now);
        TestData.exec(ds,
                """
                        insert into tab_snapshot (account_id, client_id, taken_at, client_name, fingerprint, tab_count, tabs)
                        values (?, 'laptop', ?, 'Laptop', '\\x01', 1,
                                '[{"title": "Today''s news", "url": "https://news.example/today", "pinned": false, "inactive": false}]')""",
                data.account, Timestamp.from(now.minusSeconds(600)));
        data.folder("menu", "places", 0, "menu", List.of("b1")).folder("toolbar", "places", 1, "toolbar", List.of())
                .folder("unfiled", "places", 2, "unfiled", List.of()).folder("mobile", "places", 3, "mobile", List.of())
                .bookmark("b1", "menu", 0, "Report draft", "https://docs.example/report")
                .bookmark("lost1", "gone-folder", 0, "A lost bookmark", "https://lost.example/");
        TestData.exec(ds, "insert into api_token (account_id, id, name, secret_hash) values (?, ?, 'Backup script', ?)",
                data.account, UUID.randomUUID(), MessageDigest.getInstance("SHA-256").digest(new byte[] { 1 }));
        TestData.exec(ds, """
                insert into inbox (account_id, device_id, command_index, url, title, sender_id, sender_name)
                values (?, 'fxhome-dev', 1, 'https://docs.example/report', 'Report draft', 'sender', 'Laptop')""",
                data.account);
        SessionCookie session = store.create(data.account, "test", now);

        String story = URLEncoder.encode("https://docs.example/report", StandardCharsets.UTF_8);
        List<View> views = List.of(
                new View("day", "#/day/" + today, "#day-visits li"),
                new View("calendar", "#/calendar/" + today.toString().substring(0, 7), "#calendar td a"),
                new View("sites", "#/sites", "#sites li"),
                new View("site-pages", "#/sites/news.example", "#site-pages li"),
                new View("history-search", "#/history-search?q=news", "#history-search-results li"),
                new View("purge", "#/purge", "#purge-scope"),
                new View("story", "#/page?url=" + story, "#story-visits li"),
                new View("timeline", "#/timeline/laptop", "#snapshot-tabs li"),
                new View("bookmark-health", "#/bookmark-health", "#health-lists li"),
                new View("lost-and-found", "#/bookmark-health/lost-and-found", "#health-items li"),
                new View("tokens", "#/tokens", "#token-list li"),
                new View("inbox", "#/inbox", "#inbox-list li"));

        List<String> problems = new ArrayList<>();
        try (Chromium chromium = Chromium.start(true)) {
            problems.addAll(visit(chromium, session, views, true));
        }
        try (WebKit webkit = WebKit.start(WebKit.Options.DEFAULT)) {
            problems.addAll(visit(webkit, session, views, false));
        }
        assertThat(problems).isEmpty();
    }

    /** Every view in one browser: what it finds wrong, as "engine view: problem". */
    private List<String> visit(WebBrowser browser, SessionCookie session, List<View> views, boolean walkWithTab)
            throws Exception {
        WebDriver d = browser.driver();
        WebDriverWait wait = new WebDriverWait(d, WAIT);
        d.get(base + "ping");
        d.manage().addCookie(new Cookie("fxhome_session", session.value(), "/"));
        d.get(base.toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nav a[data-section=tabs]")));
        List<String> problems = new ArrayList<>();
        String engine = browser.screenshotPrefix().isEmpty() ? "chromium" : browser.screenshotPrefix();
        for (View view : views) {
            d.get(base + view.route());
            // A hash change alone does not reload the page: the router answers it.
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(view.ready())));
            for (String p : unlabelled(d)) {
                problems.add(engine + " " + view.name() + ": " + p);
            }
            if (walkWithTab) {
                for (String p : tabWalk(d)) {
                    problems.add(engine + " " + view.name() + ": " + p);
                }
            }
            browser.screenshots("views-" + view.name());
        }
        return problems;
    }

    /** Fields without a label, links and buttons without a name, positive tabindex: what a screen reader user misses. */
    @SuppressWarnings("unchecked")
    private static List<String> unlabelled(WebDriver d) {
        return (List<String>) ((JavascriptExecutor) d).executeScript(
                """
                        const out = [];
                        const name = (e) => (e.getAttribute('aria-label') || '').trim() || (e.textContent || '').trim()
                          || (e.getAttribute('aria-labelledby') ? (document.getElementById(e.getAttribute('aria-labelledby')) || {}).textContent || '' : '').trim();
                        const show = (e) => e.outerHTML.slice(0, 120);
                        for (const e of document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')) {
                          const labelled = (e.labels && [...e.labels].some((l) => l.textContent.trim()))
                            || (e.getAttribute('aria-label') || '').trim() || e.getAttribute('aria-labelledby');
                          if (!labelled) out.push('field without a label: ' + show(e));
                        }
                        for (const e of document.querySelectorAll('main a[href], main button')) {
                          if (!name(e)) out.push('control without a name: ' + show(e));
                        }
                        for (const e of document.querySelectorAll('[tabindex]')) {
                          if (Number(e.getAttribute('tabindex')) > 0) out.push('positive tabindex: ' + show(e));
                        }
                        return out;""");
    }

    /**
     * Tab from the view's start (where the skip link leads): focus moves through its controls in page order, and each
     * focused control draws a focus ring (an outline or a box shadow).
     */
    @SuppressWarnings("unchecked")
    private static List<String> tabWalk(WebDriver d) {
        JavascriptExecutor js = (JavascriptExecutor) d;
        // Where the skip link and every route leave focus: the view itself (main, tabindex -1).
        js.executeScript("window.scrollTo(0, 0); document.getElementById('main').focus();");
        List<String> problems = new ArrayList<>();
        Map<Object, Boolean> seen = new LinkedHashMap<>();
        long previousPosition = -1;
        for (int i = 0; i < TABS; i++) {
            new Actions(d).sendKeys(Keys.TAB).perform();
            Map<String, Object> f = (Map<String, Object>) js.executeScript(
                    """
                            const e = document.activeElement;
                            if (!e || e === document.body) return { none: true };
                            const s = getComputedStyle(e);
                            // A date or time field takes focus in one of its parts, which Chromium highlights itself; the field's
                            // own style cannot show it (an outline on :focus there was not seen either): those are not judged.
                            const dateField = e.matches('input[type=date], input[type=datetime-local]');
                            const ring = dateField || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
                            const all = [...document.querySelectorAll('*')];
                            return { none: false, inMain: !!e.closest('main'), ring, position: all.indexOf(e),
                                     what: e.outerHTML.slice(0, 120) };""");
            if (Boolean.TRUE.equals(f.get("none"))) {
                break; // past the page's last control, to the browser's own
            }
            if (!Boolean.TRUE.equals(f.get("ring"))) {
                problems.add("no visible focus on " + f.get("what"));
            }
            long position = ((Number) f.get("position")).longValue();
            if (Boolean.TRUE.equals(f.get("inMain"))) {
                if (position < previousPosition) {
                    problems.add("focus went back up the page to " + f.get("what"));
                }
                previousPosition = position;
                seen.put(position, true);
            }
        }
        if (seen.isEmpty()) {
            problems.add("Tab never reached the view (main) in " + TABS + " presses");
        }
        return problems;
    }
}
