package io.fxhome.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.process.testing.AppProcess;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * End to end with the real sync worker as its own process: after the first sync registered fxhome as a device, the
 * sandbox's other Firefox sends two tabs; after "Sync now" they are in {@code /api/v1/inbox} exactly once, and stay so
 * after another sync.
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
        syncNow(browser);
        await().atMost(Duration.ofSeconds(60)).until(() -> browser.request().get("/api/v1/inbox").then().statusCode(200)
                .extract().<List<String>> path("items.url").size() >= 2);

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
    }

    /** "Sync now", again until accepted: a request moments after the last one is refused 429 (one per interval). */
    private static void syncNow(Browser browser) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> browser.request()
                .header("X-CSRF-Token", browser.csrf).post("/api/v1/sync").statusCode() == 202);
    }
}
