package io.fxhome.sync.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.hygiene.testing.DatabaseDump;
import io.fxhome.hygiene.testing.KnownSecrets;
import io.fxhome.hygiene.testing.LogCapture;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncJobPublisher;
import io.fxhome.job.SyncReason;
import io.fxhome.sandbox.IssuedSecrets;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.secrets.AccountFieldSealer;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.secrets.MasterKeyRing;
import io.fxhome.secrets.SealedAccountSecrets;
import io.fxhome.sync.client.SyncClient;
import io.fxhome.sync.client.SyncClientConfig;
import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.crypto.FxaTokenKeys;
import io.fxhome.sync.crypto.OnePwCredentials;
import io.fxhome.sync.crypto.SyncKeyDerivation;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.sync.fxa.FxaConfig;
import io.fxhome.sync.fxa.LinkedAccount;
import io.fxhome.sync.fxa.SignInResult;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.DownloadRequest;
import io.fxhome.sync.storage.RecordSink;
import io.fxhome.worker.e2e.LinkedAccounts;
import io.fxhome.worker.e2e.MirrorAssertions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * No secret ever reaches a log line or a database row. With the worker's real logging configuration, every log record
 * is captured (fxhome and the HTTP client at DEBUG, the rest at INFO) during password sign-ins with fxhome's FxA
 * client (a failed one, one verified by an emailed code, one linked and stored as the web app does), the client alone
 * through a paged download whose tokens expire and a 503, and three worker syncs of the stored account (one backed off
 * by a 503). Then the log
 * lines and a dump of every table are searched for the password, authPW, unwrapBKey, every session and keyFetch token
 * and their Hawk keys, every OAuth access and refresh token, kB, kSync (whole and halves), every tokenserver key, and
 * the master key, in every spelling. The sandbox tells which tokens it issued.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
@TestProfile(SecretHygieneTest.OwnJobQueues.class)
class SecretHygieneTest {
    /**
     * Queues of its own on the shared broker: a worker test app of another build (or one shutting down) consuming the
     * common test queues must not take this test's jobs.
     */
    public static class OwnJobQueues implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fxhome.jobs.namespace", "fxhome.test.hygiene");
        }
    }

    @Inject
    AgroalDataSource ds;
    @Inject
    AccountSecretsCipher cipher;
    @Inject
    SyncJobPublisher publisher;
    @Inject
    MasterKeyRing masterKeys;

    @Test
    void noSecretInAnyLogLineOrDatabaseRow() throws Exception {
        Sandbox sandbox = SandboxTestResource.server().sandbox();
        String baseUrl = SandboxTestResource.server().baseUrl();
        String email = "hygiene-" + UUID.randomUUID() + "@example.test";
        String password = "hygiene Pässwort " + UUID.randomUUID();
        sandbox.createAccount(NewAccount.of(email, password).withProfile(ProfileSpec.small(9_100)));
        String otpEmail = "hygiene-otp-" + UUID.randomUUID() + "@example.test";
        String otpPassword = "hygiene otp Pässwort " + UUID.randomUUID();
        sandbox.createAccount(NewAccount.of(otpEmail, otpPassword).withVerification(VerificationMode.EMAIL_OTP)
                .withProfile(ProfileSpec.small(9_101)));

        List<String> logLines;
        UUID account;
        try (LogCapture capture = LogCapture.start()) {
            FxaClient fxa = FxaClient.create(FxaConfig.production().withAuthUrl(URI.create(baseUrl)));
            catchThrowable(() -> fxa.signIn(email, password + " typo"));
            SignInResult.VerificationRequired otp = (SignInResult.VerificationRequired) fxa.signIn(otpEmail,
                    otpPassword);
            fxa.verifyEmailCode(otp.pending(), sandbox.latestEmailCode(otpEmail));
            LinkedAccount otpLinked = fxa.completeLink(otp.pending());
            // The client on its own: a paged download whose tokens expire after the first page, then a 503.
            SyncClient client = SyncClient.builder(SyncClientConfig.production().withFxa(fxa.config())
                    .withTokenserverUrl(URI.create(baseUrl)), otpLinked.credentials()).build();
            CollectionKeys keys = client.collectionKeys().orElseThrow();
            client.download(DownloadRequest.all("history").withPageSize(20), keys, new RecordSink() {
                private boolean expired;

                @Override
                public void accept(DecryptedRecord record) {
                }

                @Override
                public void endOfPage(boolean more) {
                    if (!expired) {
                        expired = true;
                        sandbox.expireTokens(otpEmail);
                    }
                }
            });
            sandbox.storageUnavailable(otpEmail, 1, 60);
            catchThrowable(client::metaGlobal);

            // The worker: a first sync, one backed off by a 503, and one after another Firefox changed something.
            account = LinkedAccounts.link(ds, cipher, baseUrl, email, password);
            publisher.publish(SyncJob.of(account, SyncReason.FIRST_LINK, Instant.now()));
            MirrorAssertions.awaitRuns(ds, account, 1, Duration.ofSeconds(90));
            sandbox.storageUnavailable(email, 1, 1);
            publisher.publish(SyncJob.of(account, SyncReason.SCHEDULED, Instant.now()));
            MirrorAssertions.awaitRuns(ds, account, 2, Duration.ofSeconds(90));
            Thread.sleep(1_500);
            sandbox.upsertRecord(email, "bookmarks", sandbox.truth(email).collection("bookmarks").cleartext("toolbar"));
            // Send Tab: fxhome registered as a device on the first sync; this one receives and decrypts a tab.
            // Interactive: a scheduled sync this soon after the last fetch would wait for fxhome.send-tab.poll-interval.
            sandbox.firefoxSendTab(email, null, "https://example.org/hygiene", "Hygiene tab");
            publisher.publish(SyncJob.of(account, SyncReason.INTERACTIVE, Instant.now()));
            MirrorAssertions.awaitRuns(ds, account, 3, Duration.ofSeconds(90));
            logLines = capture.lines();
        }

        // The capture really saw the client's DEBUG lines and the worker's INFO lines of this account.
        assertThat(logLines).anyMatch(l -> l.contains("io.fxhome.sync.storage.StorageClient")
                && l.contains("GET /info/collections -> 200"));
        assertThat(logLines).anyMatch(l -> l.contains("GET /storage/history -> 401"));
        assertThat(logLines).anyMatch(l -> l.contains("-> 503"));
        assertThat(logLines).anyMatch(l -> l.contains(account.toString()) && l.contains("DONE"));
        assertThat(MirrorAssertions.rows(ds, "select outcome from sync_run where account_id = ? order by started_at",
                account)).containsExactly("done", "backed_off", "done");

        KnownSecrets secrets = secretsOf(sandbox, email, password);
        secretsOf(sandbox, otpEmail, otpPassword, secrets);
        secrets.text("master key", ConfigProvider.getConfig().getValue("fxhome.master-key", String.class));
        sendTabKeys(account, secrets);
        assertThat(MirrorAssertions.rows(ds, "select url from inbox where account_id = ?", account))
                .containsExactly("https://example.org/hygiene");
        assertThat(secrets.size()).isGreaterThan(100);

        List<String> leaks = new ArrayList<>();
        for (String line : logLines) {
            Set<String> found = secrets.foundIn(line);
            if (!found.isEmpty()) {
                leaks.add(found + " in log line: " + line.substring(0, Math.min(line.length(), 300)));
            }
        }
        List<String> dump = DatabaseDump.rows(ds);
        assertThat(dump).anyMatch(row -> row.startsWith("account_secret:") && row.contains(account.toString()));
        for (String row : dump) {
            Set<String> found = secrets.foundIn(row);
            if (!found.isEmpty()) {
                leaks.add(found + " in row of " + row.substring(0, row.indexOf(':')));
            }
        }
        assertThat(leaks).as("secrets in %d log lines and %d rows", logLines.size(), dump.size()).isEmpty();
    }

    /** The account's Send Tab private key and auth secret, opened from their sealed row. */
    private void sendTabKeys(UUID account, KnownSecrets secrets) throws Exception {
        try (var c = ds.getConnection();
                var ps = c.prepareStatement("select s.master_key_version, s.wrapped_data_key,"
                        + " s.refresh_token, s.sync_key_bundle, s.key_id, d.sealed_keys from account_secret s"
                        + " join send_tab_device d using (account_id) where account_id = ?")) {
            ps.setObject(1, account);
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).as("fxhome registered as a device").isTrue();
                SealedAccountSecrets sealed = new SealedAccountSecrets(rs.getInt(1), rs.getBytes(2), rs.getBytes(3),
                        rs.getBytes(4), rs.getBytes(5));
                byte[] keys = new AccountFieldSealer(masterKeys).open(account, sealed, "send-tab-keys", rs.getBytes(6));
                secrets.bytes("send-tab private key", Arrays.copyOfRange(keys, 0, 32))
                        .bytes("send-tab auth secret", Arrays.copyOfRange(keys, 97, 113));
            }
        }
    }

    private static KnownSecrets secretsOf(Sandbox sandbox, String email, String password) {
        return secretsOf(sandbox, email, password, new KnownSecrets());
    }

    private static KnownSecrets secretsOf(Sandbox sandbox, String email, String password, KnownSecrets secrets) {
        IssuedSecrets issued = sandbox.issuedSecrets(email);
        assertThat(issued.sessionTokens()).isNotEmpty();
        assertThat(issued.keyFetchTokens()).isNotEmpty();
        assertThat(issued.accessTokens()).isNotEmpty();
        assertThat(issued.refreshTokens()).isNotEmpty();
        secrets.text("password", password);
        OnePwCredentials onePw = OnePwCredentials.v1(email, password);
        secrets.bytes("authPW", onePw.authPW()).bytes("unwrapBKey", onePw.unwrapBKey());
        for (String t : issued.sessionTokens()) {
            FxaTokenKeys keys = FxaTokenKeys.deriveHex(t, FxaTokenKeys.Kind.SESSION);
            secrets.text("session token", t).bytes("session Hawk key", keys.reqHmacKey());
        }
        for (String t : issued.keyFetchTokens()) {
            FxaTokenKeys keys = FxaTokenKeys.deriveHex(t, FxaTokenKeys.Kind.KEY_FETCH);
            secrets.text("keyFetchToken", t).bytes("keyFetch Hawk key", keys.reqHmacKey())
                    .bytes("keyRequestKey", keys.keyRequestKey());
        }
        issued.accessTokens().forEach(t -> secrets.text("access token", t));
        issued.refreshTokens().forEach(t -> secrets.text("refresh token", t));
        for (String key : issued.storageTokenKeys()) {
            secrets.text("tokenserver key (storage Hawk key)", key);
        }
        byte[] kB = HexFormat.of().parseHex(issued.kBHex());
        byte[] kSync = SyncKeyDerivation.kSync(kB);
        secrets.bytes("kB", kB).bytes("kSync", kSync)
                .bytes("kSync encryption half", Arrays.copyOfRange(kSync, 0, 32))
                .bytes("kSync HMAC half", Arrays.copyOfRange(kSync, 32, 64));
        return secrets;
    }

    /** Base64 spellings are searched without padding; make sure the helper agrees with the JDK on a known value. */
    @Test
    void formsCoverTheUsualEncodings() {
        byte[] value = new byte[32];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 37 + 251);
        }
        KnownSecrets s = new KnownSecrets().bytes("v", value);
        Map<String, String> spellings = Map.of("hex", HexFormat.of().withUpperCase().formatHex(value),
                "base64", Base64.getEncoder().encodeToString(value),
                "base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(value));
        spellings.forEach((encoding, text) -> assertThat(s.foundIn("x=" + text + ";")).containsExactly("v (" + encoding
                + ")"));
        assertThat(s.foundIn("nothing secret here")).isEmpty();
    }
}
