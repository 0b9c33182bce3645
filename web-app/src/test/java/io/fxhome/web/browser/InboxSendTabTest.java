package io.fxhome.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.agroal.api.AgroalDataSource;
import io.fxhome.process.testing.AppProcess;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.Chromium;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * End to end with the real sync worker as its own process: after the first sync registered fxhome as a device, the
 * sandbox's other Firefox sends two tabs; the app's short poll ({@code POST /api/v1/inbox/refresh}, a "receive commands
 * only" job: no sync run) brings them into {@code /api/v1/inbox} exactly once, and they stay so after a sync; the
 * HTML4 page lists each once; Chromium opening the app at its root shows the inbox first.
 */
@QuarkusTest
@TestProfile(BrowserProfile.class)
@WithTestResource(SandboxTestResource.class)
class InboxSendTabTest {
    static {
        JobQueueCleanup.deleteAtExit(BrowserProfile.NAMESPACE);
    }

    private static AppProcess worker;

    @Inject
    AgroalDataSource ds;
    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startWorker() throws Exception {
        worker = PackagedWorker.start("inbox-worker");
    }

    @AfterAll
    static void stopWorker() throws Exception {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void twoTabsSentByAnotherFirefoxAppearInTheInboxExactlyOnce() throws Exception {
        String email = "inbox-" + UUID.randomUUID() + "@example.test";
        SandboxTestResource.server().sandbox()
                .createAccount(NewAccount.of(email, "pw").withProfile(ProfileSpec.small(77).withSizes(3, 3, 1)));
        Browser browser = new Browser();
        UUID id = UUID.fromString(browser.signIn(email, "pw").then().statusCode(200).extract().path("account.id"));
        // The first sync registers fxhome as one of the account's devices.
        await().atMost(Duration.ofSeconds(120)).until(() -> "1".equals(
                TestData.one(ds, "select count(*) from send_tab_device where account_id = ?", id)));
        String device = TestData.one(ds, "select device_id from send_tab_device where account_id = ?", id);
        await().atMost(Duration.ofSeconds(60)).until(() -> "0".equals(
                TestData.one(ds, "select count(*) from sync_run where account_id = ? and finished_at is null", id)));

        assertThat(SandboxTestResource.server().sandbox().firefoxSendTab(email, null, "https://one.example/", "One")
                .target()).isEqualTo(device);
        SandboxTestResource.server().sandbox().firefoxSendTab(email, null, "https://two.example/", "Two");
        String runsBefore = TestData.one(ds, "select count(*) from sync_run where account_id = ?", id);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> browser.request()
                .header("X-CSRF-Token", browser.csrf).post("/api/v1/inbox/refresh").statusCode() == 202);
        await().atMost(Duration.ofSeconds(60)).until(() -> browser.request().get("/api/v1/inbox").then().statusCode(200)
                .extract().<List<String>> path("items.url").size() >= 2);
        assertThat(TestData.one(ds, "select count(*) from sync_run where account_id = ?", id)).as(
                "the refresh fetched the commands only").isEqualTo(runsBefore);

        // Another sync fetches from the stored index on: nothing twice.
        String runs = TestData.one(ds, "select count(*) from sync_run where account_id = ?", id);
        syncNow(browser);
        await().atMost(Duration.ofSeconds(60)).until(() -> Integer.parseInt(TestData.one(ds,
                "select count(*) from sync_run where account_id = ? and finished_at is not null", id)) > Integer
                        .parseInt(runs));
        List<String> urls = browser.request().get("/api/v1/inbox").then().statusCode(200).extract().path("items.url");
        assertThat(urls).containsExactly("https://two.example/", "https://one.example/");
        List<String> titles = browser.request().get("/api/v1/inbox").then().extract().path("items.title");
        assertThat(titles).containsExactly("Two", "One");

        String html = browser.request().get("/basic/inbox").then().statusCode(200).extract().asString();
        assertThat(html.split("href=\"https://one.example/\"", -1)).hasSize(2);
        assertThat(html.split("href=\"https://two.example/\"", -1)).hasSize(2);

        try (Chromium chromium = Chromium.start(true)) {
            WebDriver d = chromium.driver;
            WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(30));
            d.get(base + "ping");
            d.manage().addCookie(new Cookie(Browser.COOKIE, browser.session, "/"));
            // At its root with unread tabs: the inbox is the first screen.
            d.get(base.toString());
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#inbox-list li"), 2));
            assertThat(d.getCurrentUrl()).endsWith("#/inbox");
            assertThat(d.findElements(By.cssSelector("#inbox-list .item-title")).stream().map(e -> e.getText())
                    .toList()).containsExactly("Two", "One");
            chromium.screenshots("inbox-first-screen");

            // While the app is open and visible, its own short poll brings a tab sent now, without a reload: the
            // poll asks every fxhome.web.inbox.refresh-interval (30 s; the first ask may be refused as too soon
            // after the refresh above), the worker fetches, and the view adds what is new at the top.
            assertThat(((JavascriptExecutor) d).executeScript("return document.visibilityState")).isEqualTo("visible");
            SandboxTestResource.server().sandbox().firefoxSendTab(email, null, "https://three.example/", "Three");
            new WebDriverWait(d, Duration.ofSeconds(150)).until(
                    ExpectedConditions.numberOfElementsToBe(By.cssSelector("#inbox-list li"), 3));
            assertThat(d.findElements(By.cssSelector("#inbox-list .item-title")).stream().map(e -> e.getText())
                    .toList()).containsExactly("Three", "Two", "One");
            assertThat(d.getCurrentUrl()).as("no reload, no navigation").endsWith("#/inbox");
        }
        List<String> all = browser.request().get("/api/v1/inbox").then().statusCode(200).extract().path("items.url");
        assertThat(all).containsExactly("https://three.example/", "https://two.example/", "https://one.example/");
    }

    /** "Sync now", again until accepted: a request moments after the last one is refused 429 (one per interval). */
    private static void syncNow(Browser browser) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> browser.request()
                .header("X-CSRF-Token", browser.csrf).post("/api/v1/sync").statusCode() == 202);
    }
}
