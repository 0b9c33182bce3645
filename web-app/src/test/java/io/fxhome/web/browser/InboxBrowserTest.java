package io.fxhome.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.session.SessionCookie;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.Chromium;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The inbox in real headless Chromium: reached from the app's navigation, newest first, hostile titles as text and
 * javascript:/data: URLs never links (and nothing runs), then mark read and delete, as the database sees them; and the
 * HTML4 page with script off deletes with its form. Screenshots under target/screenshots/inbox-*.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class InboxBrowserTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HOSTILE = "<img src=x onerror=\"window.pwned=1\">";

    @TestHTTPResource("/")
    URL base;
    @Inject
    AgroalDataSource ds;
    @Inject
    SessionStore store;

    private void add(TestData data, int index, String url, String title) throws Exception {
        TestData.exec(ds, """
                insert into inbox (account_id, device_id, command_index, url, title, sender_id, sender_name)
                values (?, 'fxhome-dev', ?, ?, ?, 'sender', 'Laptop')""", data.account, (long) index, url, title);
    }

    @Test
    void theAppShowsTheInboxInertAndMarksReadAndDeletes() throws Exception {
        TestData data = TestData.newAccount(ds);
        add(data, 1, "https://first.example/", "First page");
        add(data, 2, "javascript:window.pwned=1", HOSTILE);
        add(data, 3, "data:text/html,<script>window.pwned=1</script>", "Data page");
        SessionCookie session = store.create(data.account, "test", Instant.now());
        try (Chromium chromium = Chromium.start(true)) {
            WebDriver d = chromium.driver;
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            d.get(base + "ping");
            d.manage().addCookie(new Cookie("fxhome_session", session.value(), "/"));
            d.get(base.toString());
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#nav a[data-section=inbox]"))).click();
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#inbox-list li"), 3));

            assertThat(d.findElements(By.cssSelector("#inbox-list .item-title")).stream().map(e -> e.getText()).toList())
                    .containsExactly("Data page", HOSTILE, "First page");
            // Only the web address is a link out; each entry's page story is a route inside the app.
            assertThat(d.findElements(By.cssSelector("#inbox-list a:not(.story-link)")).stream().map(a -> a
                    .getDomAttribute("href")).toList()).containsExactly("https://first.example/");
            assertThat(d.findElements(By.cssSelector("#inbox-list a.story-link")).stream().map(a -> a.getDomAttribute(
                    "href")).toList()).hasSize(3).allSatisfy(href -> assertThat(href).startsWith("#/page?url="));
            assertThat(d.findElements(By.cssSelector("#inbox-list img"))).isEmpty();
            assertThat(d.findElements(By.cssSelector("#inbox-list .send-button"))).as("send only web addresses")
                    .hasSize(1);
            assertThat(((JavascriptExecutor) d).executeScript("return window.pwned === undefined")).isEqualTo(true);
            assertThat(d.findElements(By.cssSelector("#inbox-list .unread"))).hasSize(3);
            chromium.screenshots("inbox-app");

            d.findElement(By.cssSelector("#inbox-list li:last-child .mark-read")).click();
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#inbox-list .unread"), 2));
            assertThat(TestData.one(ds, "select count(*) from inbox where account_id = ? and read_at is not null",
                    data.account)).isEqualTo("1");
            d.findElement(By.cssSelector("#inbox-list li:first-child .delete")).click();
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#inbox-list li"), 2));
            assertThat(TestData.one(ds, "select count(*) from inbox where account_id = ?", data.account)).isEqualTo("2");
            assertThat(d.findElement(By.tagName("main")).getText()).doesNotContain("undefined").doesNotContain("null");
        }

        try (Chromium chromium = Chromium.start(false)) {
            WebDriver d = chromium.driver;
            d.get(base + "ping");
            d.manage().addCookie(new Cookie("fxhome_session", session.value(), "/"));
            d.get(base + "basic/inbox");
            assertThat(d.findElements(By.cssSelector("#inbox-list > li"))).hasSize(2);
            assertThat(d.findElements(By.cssSelector("#inbox-list a:not(.send)")).stream().map(a -> a.getDomAttribute(
                    "href")).toList()).containsExactly("https://first.example/");
            // "Send to device" only for the web address.
            assertThat(d.findElements(By.cssSelector("#inbox-list a.send")).stream().map(a -> a.getDomAttribute("href"))
                    .toList()).containsExactly("/basic/send?url=https%3A%2F%2Ffirst.example%2F&title=First+page");
            chromium.screenshots("inbox-basic");
            d.findElement(By.cssSelector("#inbox-list > li:first-child input[value=Delete]")).click();
            new WebDriverWait(d, WAIT).until(ExpectedConditions.urlContains("notice=deleted"));
            assertThat(d.findElements(By.cssSelector("#inbox-list > li"))).hasSize(1);
            assertThat(TestData.one(ds, "select count(*) from inbox where account_id = ?", data.account)).isEqualTo("1");
        }
    }
}
