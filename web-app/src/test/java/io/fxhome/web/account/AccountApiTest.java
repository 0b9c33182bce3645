package io.fxhome.web.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.secrets.AccountSecrets;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.secrets.MasterKeyException;
import io.fxhome.secrets.MasterKeyRing;
import io.fxhome.secrets.SealedAccountSecrets;
import io.fxhome.sync.devices.DeviceClient;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Unlink-and-delete, sync now and sync status, and the single-sign-on flow through the sandbox's /authorization. */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class AccountApiTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final String[] PER_USER_TABLES = { "account_secret", "web_session", "bookmark", "history_place",
            "history_visit", "device",
            "device_tabs", "tab", "sync_state", "collection_state", "sync_run", "sync_progress" };

    @Inject
    AgroalDataSource ds;
    @Inject
    AccountSecretsCipher cipher;
    @Inject
    AccountRepository accounts;
    @Inject
    FxaClient fxa;
    @Inject
    SessionStore sessions;
    @Inject
    DeviceClient devices;

    private static String sandboxAccount(VerificationMode mode) {
        String email = "acct-" + UUID.randomUUID() + "@example.test";
        SandboxTestResource.server().sandbox().createAccount(NewAccount.of(email, "pw").withVerification(mode)
                .withProfile(ProfileSpec.small(42).withSizes(3, 3, 1)));
        return email;
    }

    @Test
    void unlinkAndDeleteRevokesTheRefreshTokenUpstreamAndRemovesEveryRow() throws Exception {
        String email = sandboxAccount(VerificationMode.NONE);
        Browser browser = new Browser();
        UUID id = UUID.fromString(browser.signIn(email, "pw").then().statusCode(200).extract().path("account.id"));
        String refreshToken = cipher.open(id, accounts.secrets(id).orElseThrow()).refreshToken();
        fxa.refresh(refreshToken); // works while linked
        TestData data = new TestData.Existing(ds, id).data();
        data.device("d1", "Phone", "mobile", 1_700_000_000).tab("d1", 0, "t", "https://t.example/", Instant.now())
                .place("p1", "https://p.example/", "p", 1, Instant.now())
                .folder("toolbar", "places", 0, "toolbar", List.of());
        TestData.exec(ds,
                "insert into sync_run (account_id, started_at, reason, outcome) values (?, now(), 'first_link', 'done')", id);

        browser.request().delete("/api/v1/me").then().statusCode(403).body("code", equalTo("csrf"));
        Response r = browser.request().header("X-CSRF-Token", browser.csrf).delete("/api/v1/me");
        r.then().statusCode(200).body("deleted", equalTo(true)).body("refreshTokenRevoked", equalTo(true));
        assertThat(r.getHeaders().getValues("Set-Cookie")).anySatisfy(h -> assertThat(h).startsWith(Browser.COOKIE + "=;"));

        assertThat(TestData.one(ds, "select count(*) from account where id = ?", id)).isEqualTo("0");
        for (String table : PER_USER_TABLES) {
            assertThat(TestData.one(ds, "select count(*) from " + table + " where account_id = ?", id)).as(table)
                    .isEqualTo("0");
        }
        assertThatThrownBy(() -> fxa.refresh(refreshToken)).isInstanceOfSatisfying(FxaException.class,
                e -> assertThat(e.kind()).isEqualTo(FxaException.Kind.INVALID_TOKEN));
        browser.request().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void unlinkAndDeleteDestroysFxhomesSendTabDeviceUpstream() throws Exception {
        String email = sandboxAccount(VerificationMode.NONE);
        UUID id = UUID.fromString(new Browser().signIn(email, "pw").then().statusCode(200).extract().path("account.id"));
        String firstToken = cipher.open(id, accounts.secrets(id).orElseThrow()).refreshToken();
        // fxhome registered as a device with the token of an earlier link (as the worker's SendTabReceiver does), so
        // that revoking the current token does not take the device with it: only destroying it does.
        String deviceId = devices.register(firstToken, null, "fxhome test", "desktop", java.util.Map.of());
        Browser browser = new Browser();
        browser.signIn(email, "pw").then().statusCode(200);
        assertThat(cipher.open(id, accounts.secrets(id).orElseThrow()).refreshToken()).isNotEqualTo(firstToken);
        TestData.exec(ds, """
                insert into send_tab_device (account_id, device_id, device_name, sealed_keys, published_key_hash)
                values (?, ?, 'fxhome test', '\\x00'::bytea, '\\x00'::bytea)""", id, deviceId);
        String admin = SandboxTestResource.server().baseUrl() + "/__sandbox/accounts/" + email + "/devices";
        List<String> before = io.restassured.RestAssured.given().get(admin).then().statusCode(200).extract().path("id");
        assertThat(before).contains(deviceId);

        browser.request().header("X-CSRF-Token", browser.csrf).delete("/api/v1/me").then().statusCode(200)
                .body("deleted", equalTo(true)).body("refreshTokenRevoked", equalTo(true));

        List<String> after = io.restassured.RestAssured.given().get(admin).then().statusCode(200).extract().path("id");
        assertThat(after).doesNotContain(deviceId);
    }

    @Test
    void anAccountWhoseSecretsNoLongerOpenIsDeletedEverywhereWithoutRevocationThroughTheApi() throws Exception {
        UUID id = accountSealedUnderARemovedKey();
        Browser browser = Browser.signedIn(sessions.create(id, "test", Instant.now()));

        browser.request().header("X-CSRF-Token", browser.csrf).delete("/api/v1/me").then().statusCode(200)
                .body("deleted", equalTo(true)).body("refreshTokenRevoked", equalTo(false))
                .body("upstreamRevocation", equalTo("skipped-secrets-unreadable"));

        assertNothingLeftOf(id);
        browser.request().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void anAccountWhoseSecretsNoLongerOpenIsDeletedEverywhereThroughTheHtml4Page() throws Exception {
        UUID id = accountSealedUnderARemovedKey();
        Browser browser = Browser.signedIn(sessions.create(id, "test", Instant.now()));

        browser.request().formParam("csrf", browser.csrf).formParam("confirm", "yes").redirects().follow(false)
                .post("/basic/delete").then().statusCode(303).header("Location", endsWith("/basic/?deleted=true"));

        assertNothingLeftOf(id);
    }

    /**
     * An account with rows in every per-user table, whose secrets were sealed under a master key that is no longer in
     * this process's ring (an operator removed it before rewrapping).
     */
    private UUID accountSealedUnderARemovedKey() throws Exception {
        TestData data = TestData.newAccount(ds);
        UUID id = data.account;
        byte[] removedKey = new byte[32];
        new SecureRandom().nextBytes(removedKey);
        SealedAccountSecrets sealed = new AccountSecretsCipher(
                MasterKeyRing.parse(Base64.getEncoder().encodeToString(removedKey), "a removed key"))
                .seal(id, new AccountSecrets("refresh-token-" + id, new byte[64], "key-id-" + id));
        TestData.exec(ds, """
                insert into account_secret (account_id, master_key_version, wrapped_data_key, refresh_token,
                                            sync_key_bundle, key_id, updated_at) values (?, ?, ?, ?, ?, ?, now())""",
                id, sealed.masterKeyVersion(), sealed.wrappedDataKey(), sealed.refreshToken(), sealed.syncKeyBundle(),
                sealed.keyId());
        assertThatThrownBy(() -> cipher.open(id, accounts.secrets(id).orElseThrow()))
                .isInstanceOf(MasterKeyException.class);
        TestData.exec(ds, "insert into account_directory (account_id, fxa_uid, shard) values (?, ?, 'main')", id,
                id.toString().replace("-", ""));
        data.device("d1", "Phone", "mobile", 1_700_000_000).tab("d1", 0, "t", "https://t.example/", Instant.now())
                .place("p1", "https://p.example/", "p", 1, Instant.now())
                .folder("toolbar", "places", 0, "toolbar", List.of());
        TestData.exec(ds,
                "insert into sync_run (account_id, started_at, reason, outcome) values (?, now(), 'first_link', 'done')", id);
        assertThat(tablesHolding(id)).contains("account_secret", "account_directory", "device", "tab", "history_place",
                "bookmark", "sync_run");
        return id;
    }

    /** No row of the account on any table that has an account_id column, nor in account. */
    private void assertNothingLeftOf(UUID id) throws Exception {
        assertThat(TestData.one(ds, "select count(*) from account where id = ?", id)).isEqualTo("0");
        assertThat(tablesHolding(id)).isEmpty();
    }

    private List<String> tablesHolding(UUID id) throws Exception {
        List<String> tables = new ArrayList<>();
        try (var c = ds.getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery("""
                        select table_name from information_schema.columns
                         where column_name = 'account_id' and table_schema = current_schema()
                           and table_name in (select table_name from information_schema.tables
                                               where table_type = 'BASE TABLE' and table_schema = current_schema())
                         order by 1""")) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (!"0".equals(TestData.one(ds, "select count(*) from " + table + " where account_id = ?", id))) {
                    tables.add(table);
                }
            }
        }
        return tables;
    }

    @Test
    void syncNowIsRateLimitedAndRefusedWhenReauthIsNeeded() throws Exception {
        TestData data = TestData.newAccount(ds);
        Browser browser = Browser.signedIn(sessions.create(data.account, "test", Instant.now()));
        browser.request().post("/api/v1/sync").then().statusCode(403).body("code", equalTo("csrf"));
        browser.request().header("X-CSRF-Token", browser.csrf).post("/api/v1/sync").then().statusCode(202).body("result",
                equalTo("enqueued"));
        browser.request().get("/api/v1/sync").then().statusCode(200).body("state", equalTo("queued"));
        browser.request().header("X-CSRF-Token", browser.csrf).post("/api/v1/sync").then().statusCode(429)
                .body("code", equalTo("sync-rate-limited")).header("Retry-After", Matchers.notNullValue());
        TestData.exec(ds, "update account set status = 'needs_reauth', interactive_requested_at = null where id = ?",
                data.account);
        browser.request().header("X-CSRF-Token", browser.csrf).post("/api/v1/sync").then().statusCode(409).body("code",
                equalTo("needs-reauth"));
        browser.request().get("/api/v1/sync").then().statusCode(200).body("state", equalTo("needs-reauth"));
    }

    @Test
    void syncStatusShowsLiveProgressThenTheLastRun() throws Exception {
        TestData data = TestData.newAccount(ds);
        TestData.exec(ds, "update account set last_sync_at = null where id = ?", data.account);
        Browser browser = Browser.signedIn(sessions.create(data.account, "test", Instant.now()));
        browser.request().get("/api/v1/sync").then().statusCode(200).body("state", equalTo("idle")).body("firstSyncDone",
                equalTo(false));
        TestData.exec(ds,
                "insert into sync_progress (account_id, run_started_at, collection, records_done) values (?, now(), 'history', 1234)",
                data.account);
        browser.request().get("/api/v1/sync").then().statusCode(200).body("state", equalTo("syncing"))
                .body("progress.collection", equalTo("history")).body("progress.recordsDone", equalTo(1234));
        TestData.exec(ds, "delete from sync_progress where account_id = ?", data.account);
        TestData.exec(ds, """
                insert into sync_run (account_id, started_at, finished_at, reason, outcome, records_applied, records_skipped)
                values (?, now() - interval '5 seconds', now(), 'first_link', 'done', 5000, 2)""", data.account);
        TestData.exec(ds, "update account set last_sync_at = now() where id = ?", data.account);
        browser.request().get("/api/v1/sync").then().statusCode(200).body("state", equalTo("idle"))
                .body("firstSyncDone", equalTo(true))
                .body("lastRun.outcome", equalTo("done")).body("lastRun.recordsApplied", equalTo(5000))
                .body("lastRun.recordsSkipped", equalTo(2));
    }
}
