package io.fxhome.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.fxhome.job.SyncReason;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.secrets.AccountSecrets;
import io.fxhome.secrets.SealedAccountSecrets;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.sync.fxa.FxaConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Each fault the sandbox can inject ends with correct data and the right account state. */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class FaultsTest extends SandboxSyncTestBase {

    private record Linked(String email, UUID account) {
    }

    private Linked linkedAccount(String label) throws Exception {
        String email = label + "-" + UUID.randomUUID() + "@example.test";
        sandbox().createAccount(NewAccount.of(email, "pw-" + label).withProfile(ProfileSpec.small(nextSeed())));
        return new Linked(email, LinkedAccounts.link(ds, cipher, email, "pw-" + label));
    }

    @Test
    void a503WithRetryAfterBacksTheAccountOffThenTheNextSyncCompletes() throws Exception {
        Linked a = linkedAccount("unavailable");
        sandbox().storageUnavailable(a.email(), 1, 600);
        syncAndAwait(a.account(), SyncReason.FIRST_LINK, 1);
        assertThat(rows("select outcome from sync_run where account_id = ?", a.account())).containsExactly("backed_off");
        Instant backoff = Instant.parse(rows(
                "select to_char(backoff_until at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from account where id = ?",
                a.account()).get(0));
        assertThat(backoff).isBetween(Instant.now().plusSeconds(500), Instant.now().plusSeconds(700));
        // Nothing is written while backed off; once the time has passed, the sync completes.
        assertThat(rows("select count(*) from history_place where account_id = ?", a.account())).containsExactly("0");
        execute("update account set backoff_until = now() - interval '1 second' where id = ?", a.account());
        syncAndAwait(a.account(), SyncReason.SCHEDULED, 2);
        assertMirrors(a.account(), sandbox().truth(a.email()));
        assertThat(rows("select backoff_until is null from account where id = ?", a.account())).containsExactly("t");
    }

    @Test
    void xWeaveBackoffLetsTheSyncFinishAndSetsNotBefore() throws Exception {
        Linked a = linkedAccount("soft-backoff");
        sandbox().backoff(a.email(), 1, 900);
        syncAndAwait(a.account(), SyncReason.FIRST_LINK, 1);
        assertThat(rows("select outcome from sync_run where account_id = ?", a.account())).containsExactly("done");
        assertMirrors(a.account(), sandbox().truth(a.email()));
        assertThat(rows("select backoff_until > now() + interval '800 seconds' from account where id = ?", a.account()))
                .containsExactly("t");
    }

    @Test
    void expiredTokensAreRenewedAndTheSyncCompletes() throws Exception {
        Linked a = linkedAccount("expired");
        syncAndAwait(a.account(), SyncReason.FIRST_LINK, 1);
        // Another Firefox changes something, and every token issued so far stops working.
        sandbox().upsertRecord(a.email(), "bookmarks", sandbox().truth(a.email()).collection("bookmarks").cleartext("toolbar"));
        sandbox().expireTokens(a.email());
        syncAndAwait(a.account(), SyncReason.SCHEDULED, 2);
        assertThat(rows("select outcome from sync_run where account_id = ? order by started_at", a.account()))
                .containsExactly("done", "done");
        assertMirrors(a.account(), sandbox().truth(a.email()));
    }

    @Test
    void nodeReassignmentRebuildsTheMirrorFromTheNewNode() throws Exception {
        Linked a = linkedAccount("reassigned");
        syncAndAwait(a.account(), SyncReason.FIRST_LINK, 1);
        String before = rows("select api_endpoint from sync_state where account_id = ?", a.account()).get(0);
        sandbox().reassignNode(a.email(), true);
        syncAndAwait(a.account(), SyncReason.SCHEDULED, 2);
        assertThat(rows("select api_endpoint from sync_state where account_id = ?", a.account()).get(0)).isNotEqualTo(before)
                .contains("/node2/");
        assertMirrors(a.account(), sandbox().truth(a.email()));
    }

    @Test
    void aServerWipeAndReuploadReplacesStaleRows() throws Exception {
        Linked a = linkedAccount("wiped");
        syncAndAwait(a.account(), SyncReason.FIRST_LINK, 1);
        String syncId = rows("select global_sync_id from sync_state where account_id = ?", a.account()).get(0);
        sandbox().wipeServer(a.email(), true);
        syncAndAwait(a.account(), SyncReason.SCHEDULED, 2);
        assertThat(rows("select global_sync_id from sync_state where account_id = ?", a.account()).get(0)).isNotEqualTo(syncId);
        assertMirrors(a.account(), sandbox().truth(a.email()));
    }

    @Test
    void keyRotationIsFollowedByAFullResync() throws Exception {
        Linked a = linkedAccount("rotated");
        syncAndAwait(a.account(), SyncReason.FIRST_LINK, 1);
        String fingerprint = rows("select keys_fingerprint from sync_state where account_id = ?", a.account()).get(0);
        sandbox().rotateKeys(a.email());
        syncAndAwait(a.account(), SyncReason.SCHEDULED, 2);
        assertThat(rows("select keys_fingerprint from sync_state where account_id = ?", a.account()).get(0))
                .isNotEqualTo(fingerprint);
        assertThat(rows("select outcome, records_skipped from sync_run where account_id = ? order by started_at", a.account()))
                .containsExactly("done|0", "done|0");
        assertMirrors(a.account(), sandbox().truth(a.email()));
    }

    @Test
    void aRevokedRefreshTokenPutsTheAccountIntoNeedsReauth() throws Exception {
        Linked a = linkedAccount("revoked-grant");
        // The user disconnects fxhome in their Firefox account: the refresh token is revoked.
        String refreshToken;
        try (Connection c = ds.getConnection()) {
            refreshToken = cipher.open(a.account(), loadSecrets(c, a.account())).refreshToken();
        }
        FxaClient.create(FxaConfig.production().withAuthUrl(URI.create(SandboxTestResource.server().baseUrl())))
                .destroy(refreshToken);

        syncAndAwait(a.account(), SyncReason.FIRST_LINK, 1);

        assertThat(rows("select outcome from sync_run where account_id = ?", a.account())).containsExactly("needs_reauth");
        assertThat(rows("select status from account where id = ?", a.account())).containsExactly("needs_reauth");
        assertThat(rows("select status_reason from account where id = ?", a.account()).get(0))
                .contains("re-authentication").doesNotContain(refreshToken);
        assertThat(rows("select count(*) from history_place where account_id = ?", a.account())).containsExactly("0");
    }

    private static SealedAccountSecrets loadSecrets(Connection c, UUID account) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select master_key_version, wrapped_data_key, refresh_token, "
                + "sync_key_bundle, key_id from account_secret where account_id = ?")) {
            ps.setObject(1, account);
            var rs = ps.executeQuery();
            rs.next();
            return new SealedAccountSecrets(rs.getInt(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4), rs.getBytes(5));
        }
    }

    @Test
    void keysThatNoLongerDecryptPutTheAccountIntoNeedsReauth() throws Exception {
        Linked a = linkedAccount("stale-keys");
        // As after a password reset elsewhere: the kSync fxhome holds no longer opens crypto/keys.
        AccountSecrets stale;
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select master_key_version, wrapped_data_key, refresh_token, sync_key_bundle, key_id from account_secret where account_id = ?")) {
            ps.setObject(1, a.account());
            var rs = ps.executeQuery();
            rs.next();
            AccountSecrets real = cipher.open(a.account(),
                    new SealedAccountSecrets(rs.getInt(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4), rs.getBytes(5)));
            byte[] wrong = new byte[64];
            new SecureRandom().nextBytes(wrong);
            stale = new AccountSecrets(real.refreshToken(), wrong, real.keyId());
        }
        SealedAccountSecrets sealed = cipher.seal(a.account(), stale);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "update account_secret set master_key_version = ?, wrapped_data_key = ?, refresh_token = ?, sync_key_bundle = ?, key_id = ? where account_id = ?")) {
            ps.setInt(1, sealed.masterKeyVersion());
            ps.setBytes(2, sealed.wrappedDataKey());
            ps.setBytes(3, sealed.refreshToken());
            ps.setBytes(4, sealed.syncKeyBundle());
            ps.setBytes(5, sealed.keyId());
            ps.setObject(6, a.account());
            ps.executeUpdate();
        }
        syncAndAwait(a.account(), SyncReason.FIRST_LINK, 1);
        assertThat(rows("select outcome from sync_run where account_id = ?", a.account())).containsExactly("needs_reauth");
        assertThat(rows("select status from account where id = ?", a.account())).containsExactly("needs_reauth");
        // A needs-reauth account is not synced until its user signs in again.
        syncAndAwait(a.account(), SyncReason.SCHEDULED, 2);
        assertThat(rows("select outcome from sync_run where account_id = ? order by started_at", a.account()))
                .containsExactly("needs_reauth", "skipped");
        assertThat(rows("select count(*) from history_place where account_id = ?", a.account())).containsExactly("0");
    }

    @Test
    void aStorageAnswerThatStallsMidBodyFailsWithinTheReadTimeoutFreesTheLeaseAndTheRetryCompletes() throws Exception {
        Linked a = linkedAccount("stalled");
        // The next storage answer sends its headers and 100 bytes, then holds the connection silent.
        sandbox().stallBody(a.email(), 1, 100);
        long start = System.nanoTime();
        syncAndAwait(a.account(), SyncReason.FIRST_LINK, 1);
        // The read timeout is 2 s in tests: the failed run is recorded well before anything else could end it.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(rows("select outcome || '|' || error from sync_run where account_id = ?", a.account()).get(0))
                .startsWith("retry|NETWORK: Network failure on GET /").contains("no byte for 2 s in the middle of the body");
        // The retry tier brings the job back by itself (no new publish); it takes the lease again, so the first sync
        // released it, and completes.
        awaitRuns(a.account(), 2);
        assertThat(rows("select outcome from sync_run where account_id = ? order by started_at", a.account()))
                .containsExactly("retry", "done");
        assertMirrors(a.account(), sandbox().truth(a.email()));
        assertThat(rows("select failure_count from account where id = ?", a.account())).containsExactly("0");
    }

    @Test
    void aTokenserverNamingAnUntrustedStorageEndpointIsRefusedAndTheAccountSaysWhy() throws Exception {
        Linked a = linkedAccount("bad-endpoint");
        sandbox().storageEndpoint(a.email(), "ftp://storage.elsewhere.example/1.5/42");
        syncAndAwait(a.account(), SyncReason.FIRST_LINK, 1);
        sandbox().clearFaults(a.email());
        String why = "OTHER: The tokenserver's storage endpoint was refused: scheme 'ftp' is not http(s)";
        assertThat(rows("select outcome || '|' || error from sync_run where account_id = ?", a.account()))
                .containsExactly("retry|" + why);
        assertThat(rows("select status || '|' || status_reason from account where id = ?", a.account()))
                .containsExactly("active|" + why);
        assertThat(rows("select count(*) from sync_state where account_id = ?", a.account())).containsExactly("0");
        // Once the tokenserver is fixed, the retry completes and the account no longer shows the refusal.
        Awaitility.await("a completed sync").atMost(Duration.ofSeconds(60)).until(() -> rows(
                "select outcome from sync_run where account_id = ?", a.account()).contains("done"));
        assertMirrors(a.account(), sandbox().truth(a.email()));
        assertThat(rows("select coalesce(status_reason, 'none') from account where id = ?", a.account()))
                .containsExactly("none");
    }

    private void execute(String sql, UUID account) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, account);
            ps.executeUpdate();
        }
    }

}
