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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.agroal.api.AgroalDataSource;
import io.fxhome.process.testing.AppProcess;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.OpenTab;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.generator.HostileContent;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.testsupport.Chromium;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The tab timeline end to end in Chromium: another Firefox in the sandbox changes its tabs three times (once to the
 * same tabs), the packaged worker syncs after each, and the timeline shows two new changes, what was open at each as
 * links, the devices page links to it, and the bookmark health pages and the HTML4 timeline render; phone and tablet
 * screenshots of each.
 */
@QuarkusTest
@TestProfile(BrowserProfile.class)
@WithTestResource(SandboxTestResource.class)
class TimelineBrowserTest {
    static {
        JobQueueCleanup.deleteAtExit(BrowserProfile.NAMESPACE);
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static AppProcess worker;

    @TestHTTPResource("/")
    URL base;
    @Inject
    AgroalDataSource ds;

    @BeforeAll
    static void startWorker() throws Exception {
        worker = PackagedWorker.start("timeline-worker");
    }

    @AfterAll
    static void stopWorker() throws Exception {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void aSeriesOfTabChangesFromAnotherFirefoxBuildsTheTimeline() throws Exception {
        Sandbox sandbox = SandboxTestResource.server().sandbox();
        String email = "timeline-" + UUID.randomUUID() + "@example.test";
        sandbox.createAccount(NewAccount.of(email, "correct horse").withProfile(ProfileSpec.small(41_000)));
        var truth = sandbox.truth(email);
        String client = truth.collection("tabs").records().keySet().stream()
                .filter(id -> truth.collection("clients").cleartext(id) != null).sorted().findFirst().orElseThrow();
        String name = truth.collection("clients").cleartext(client).path("name").asText();
        try (Chromium chromium = Chromium.start(true)) {
            WebDriver d = chromium.driver;
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            d.get(base.toString());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
            d.findElement(By.id("email")).sendKeys(email);
            d.findElement(By.id("password")).sendKeys("correct horse");
            d.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
            new WebDriverWait(d, Duration.ofSeconds(120))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("first-sync-done")));
            UUID account = UUID.fromString(TestData.one(ds, "select id from account where email = ?", email));
            await().atMost(WAIT).until(() -> snapshots(account, client) == 1);

            // Tuesday's work, with a hostile tab; then the evening; then the same tabs uploaded again.
            sandbox.replaceTabs(email, client, name, List.of(new OpenTab("Report draft", "https://docs.example/report"),
                    new OpenTab(HostileContent.SCRIPT_TITLE, HostileContent.JAVASCRIPT_URL)));
            syncNow(d, wait, account);
            await().atMost(Duration.ofSeconds(60)).until(() -> snapshots(account, client) == 2);
            sandbox.replaceTabs(email, client, name, List.of(new OpenTab("Evening film", "https://film.example/")));
            syncNow(d, wait, account);
            await().atMost(Duration.ofSeconds(60)).until(() -> snapshots(account, client) == 3);
            String lastRun = lastRun(account);
            sandbox.replaceTabs(email, client, name, List.of(new OpenTab("Evening film", "https://film.example/")));
            syncNow(d, wait, account);
            await().atMost(Duration.ofSeconds(60)).until(() -> !lastRun(account).equals(lastRun));
            assertThat(snapshots(account, client)).as("an unchanged tabs record adds nothing").isEqualTo(3);

            // The devices page links every device to its timeline.
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.timeline-link")));
            d.findElement(By.cssSelector("a.timeline-link[href='#/timeline/" + client + "']")).click();
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline-changes li"), 3));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#snapshot-tabs li")));
            assertThat(d.findElement(By.id("snapshot-tabs")).getText()).contains("Evening film");
            assertThat(d.findElements(By.cssSelector("label[for=timeline-at]"))).hasSize(1);
            chromium.screenshots("21-timeline");

            // The middle change: what was open then, as links; the javascript: tab as inert text.
            d.findElements(By.cssSelector("#timeline-changes li a")).get(1).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("snapshot-tabs"), "Report draft"));
            assertThat(d.findElement(By.id("snapshot-tabs")).getText()).contains(HostileContent.SCRIPT_TITLE);
            // Every tab also links to its page's story inside the app (a hash route, never the URL itself).
            assertThat(d.findElements(By.cssSelector("#snapshot-tabs a:not(.story-link)")).stream().map(a -> a
                    .getAttribute("href"))).containsExactly("https://docs.example/report");
            assertThat(d.findElements(By.cssSelector("#snapshot-tabs a.story-link")).stream().map(a -> a.getAttribute(
                    "href"))).hasSize(2).allSatisfy(href -> assertThat(href).startsWith(base + "#/page?url="));
            assertThat(d.findElement(By.id("snapshot-links")).getAttribute("href")).contains("/api/v1/export/tabs.txt");
            chromium.screenshots("22-timeline-snapshot");

            d.get(base + "#/bookmark-health");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#health-lists li")));
            chromium.screenshots("23-bookmark-health");
            d.findElement(By.cssSelector("#health-lists a[href='#/bookmark-health/lost-and-found']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Lost and found"));
            for (WebElement a : d.findElements(By.cssSelector("#main a[href]"))) {
                assertThat(a.getAttribute("href")).doesNotStartWith("javascript:").doesNotStartWith("data:");
            }
            chromium.screenshots("24-lost-and-found");

            d.get(base + "basic/devices/" + client + "/timeline");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[action$='/tabs-at']")));
            assertThat(d.findElements(By.cssSelector("li a[href*='tabs-at']"))).hasSize(3);
            chromium.screenshots("25-basic-timeline");
        }
    }

    /** "Sync now" on the devices page, as if the minute between two asks had passed. */
    private void syncNow(WebDriver d, WebDriverWait wait, UUID account) throws Exception {
        TestData.exec(ds, "update account set interactive_requested_at = null where id = ?", account);
        d.get(base + "#/tabs");
        d.get(base + "#/devices");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sync-now"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Sync started"));
    }

    private int snapshots(UUID account, String client) throws Exception {
        return Integer.parseInt(
                TestData.one(ds, "select count(*) from tab_snapshot where account_id = ? and client_id = ?", account, client));
    }

    private String lastRun(UUID account) throws Exception {
        return String.valueOf(TestData.one(ds, "select max(finished_at) from sync_run where account_id = ?", account));
    }
}
