package io.fxhome.sync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fxhome.sandbox.AccountInfo;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sync.crypto.FxaTokenKeys;
import io.fxhome.sync.crypto.Hex;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.crypto.SyncKeyDerivation;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.SyncStatus;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.sync.fxa.FxaConfig;
import io.fxhome.sync.fxa.LinkedAccount;
import io.fxhome.sync.fxa.PendingSignIn;
import io.fxhome.sync.fxa.SignInOptions;
import io.fxhome.sync.fxa.SignInResult;
import io.fxhome.sync.fxa.VerificationMethod;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.json.Json;

/**
 * Password sign-in and linking with fxhome's {@code FxaClient} against the sandbox's auth server over real HTTP: every
 * verification mode, and every refusal a user can meet, as the clear, secret-free error the web app shows.
 */
class SignInTest {
    private static ClientSandbox env;

    @BeforeAll
    static void start() {
        env = ClientSandbox.start();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static String password() {
        return "Pässwörd-" + UUID.randomUUID();
    }

    /** The link carries exactly the keys and key id the account has: kSync from its kB, the tokenserver's X-KeyID. */
    private static void assertLinkedTo(LinkedAccount linked, String email, AccountInfo info) {
        assertThat(linked.uid()).isEqualTo(info.uid());
        assertThat(linked.email()).isEqualTo(email);
        byte[] kB = Hex.decode(env.sandbox().issuedSecrets(email).kBHex());
        assertThat(linked.credentials().syncKeys()).isEqualTo(KeyBundle.fromKSync(SyncKeyDerivation.kSync(kB)));
        assertThat(linked.credentials().keyId()).isEqualTo(info.keyId());
        assertThat(linked.credentials().keyRotationTimestamp()).isEqualTo(info.keyRotationTimestamp());
        assertThat(linked.credentials().refreshToken()).matches("[0-9a-f]{64}");
        assertThat(linked.accessToken().scope()).contains(SyncKeyDerivation.OLDSYNC_SCOPE);
    }

    @Test
    void plainSignInLinksWithTheAccountsKeys() {
        String email = ClientSandbox.newEmail("plain");
        String pw = password();
        AccountInfo info = env.createAccount(email, pw, VerificationMode.NONE, null);
        FxaClient fxa = env.fxa();

        SignInResult result = fxa.signIn(email, pw);

        assertThat(result).isInstanceOf(SignInResult.SignedIn.class);
        PendingSignIn pending = result.pending();
        LinkedAccount linked = fxa.completeLink(pending);
        assertLinkedTo(linked, email, info);
        assertThat(pending.isForgotten()).isTrue();
        assertThat(linked.toString()).doesNotContain(linked.credentials().refreshToken(), email);
    }

    @Test
    void emailCodeWrongThenRightAndTheKeyFetchTokenSurvivesAnEarlyLinkAttempt() {
        String email = ClientSandbox.newEmail("otp");
        String pw = password();
        AccountInfo info = env.createAccount(email, pw, VerificationMode.EMAIL_OTP, null);
        FxaClient fxa = env.fxa();

        SignInResult result = fxa.signIn(email, pw);
        assertThat(result).isInstanceOf(SignInResult.VerificationRequired.class);
        SignInResult.VerificationRequired required = (SignInResult.VerificationRequired) result;
        assertThat(required.method()).isEqualTo(VerificationMethod.EMAIL_OTP);
        assertThat(required.reason()).isEqualTo("login");

        // Linking too early is refused before the single-use keyFetchToken is spent.
        FxaException early = catchThrowableOfType(FxaException.class, () -> fxa.completeLink(required.pending()));
        assertThat(early.kind()).isEqualTo(FxaException.Kind.UNVERIFIED);

        String code = env.sandbox().latestEmailCode(email);
        String wrong = code.equals("000000") ? "111111" : "000000";
        FxaException refused = catchThrowableOfType(FxaException.class,
                () -> fxa.verifyEmailCode(required.pending(), wrong));
        assertThat(refused.kind()).isEqualTo(FxaException.Kind.INVALID_CODE);
        assertThat(refused.errno()).isEqualTo(183);
        assertThat(refused.status()).isEqualTo(SyncStatus.AUTH);
        assertThat(required.pending().verified()).isFalse();

        fxa.verifyEmailCode(required.pending(), code);
        assertLinkedTo(fxa.completeLink(required.pending()), email, info);
    }

    @Test
    void totpWrongCodeRefusedThenTheRightOne() {
        String email = ClientSandbox.newEmail("totp");
        String pw = password();
        AccountInfo info = env.createAccount(email, pw, VerificationMode.TOTP_2FA, null);
        FxaClient fxa = env.fxa();

        SignInResult.VerificationRequired required = (SignInResult.VerificationRequired) fxa.signIn(email, pw);
        assertThat(required.method()).isEqualTo(VerificationMethod.TOTP_2FA);

        String code = env.sandbox().currentTotpCode(email);
        String wrong = String.format("%06d", (Integer.parseInt(code) + 500_000) % 1_000_000);
        FxaException refused = catchThrowableOfType(FxaException.class,
                () -> fxa.verifyTotp(required.pending(), wrong));
        assertThat(refused.kind()).isEqualTo(FxaException.Kind.INVALID_CODE);
        assertThat(required.pending().verified()).isFalse();

        fxa.verifyTotp(required.pending(), env.sandbox().currentTotpCode(email));
        assertThat(required.pending().verified()).isTrue();
        assertLinkedTo(fxa.completeLink(required.pending()), email, info);
    }

    @Test
    void wrongPasswordIsAClearAuthErrorWithoutTheSecret() {
        String email = ClientSandbox.newEmail("wrong-pw");
        String pw = password();
        env.createAccount(email, pw, VerificationMode.NONE, null);

        String typo = pw + "x";
        FxaException e = catchThrowableOfType(FxaException.class, () -> env.fxa().signIn(email, typo));

        assertThat(e.kind()).isEqualTo(FxaException.Kind.INCORRECT_PASSWORD);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.errno()).isEqualTo(103);
        assertThat(e.status()).isEqualTo(SyncStatus.AUTH);
        assertThat(e.getMessage()).contains("POST /v1/account/login", "INCORRECT_PASSWORD", "errno 103",
                "Incorrect password").doesNotContain(typo, pw);
    }

    @Test
    void unknownAccount() {
        FxaException e = catchThrowableOfType(FxaException.class,
                () -> env.fxa().signIn(ClientSandbox.newEmail("nobody"), "whatever"));

        assertThat(e.kind()).isEqualTo(FxaException.Kind.UNKNOWN_ACCOUNT);
        assertThat(e.errno()).isEqualTo(102);
        assertThat(e.status()).isEqualTo(SyncStatus.AUTH);
    }

    @Test
    void throttledSignInSaysWhenToRetryThenWorks() {
        String email = ClientSandbox.newEmail("throttled");
        String pw = password();
        env.createAccount(email, pw, VerificationMode.NONE, null);
        env.sandbox().throttleSignIn(email, 1, 90);

        FxaException e = catchThrowableOfType(FxaException.class, () -> env.fxa().signIn(email, pw));

        assertThat(e.kind()).isEqualTo(FxaException.Kind.THROTTLED);
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.errno()).isEqualTo(114);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(90));
        assertThat(e.status()).isEqualTo(SyncStatus.BACKED_OFF);
        assertThat(e.getMessage()).contains("retry after 90 s");
        assertThat(env.fxa().signIn(email, pw)).isInstanceOf(SignInResult.SignedIn.class);
    }

    @Test
    void blockedSignIn() {
        String email = ClientSandbox.newEmail("blocked");
        String pw = password();
        env.createAccount(email, pw, VerificationMode.NONE, null);
        env.sandbox().blockSignIn(email, 1);

        FxaException e = catchThrowableOfType(FxaException.class, () -> env.fxa().signIn(email, pw));

        assertThat(e.kind()).isEqualTo(FxaException.Kind.BLOCKED);
        assertThat(e.errno()).isEqualTo(125);
        assertThat(e.status()).isEqualTo(SyncStatus.AUTH);
    }

    @Test
    void hawkSignedCallsPassAServerThatVerifiesEveryMacAndPayloadHash() {
        String email = ClientSandbox.newEmail("hawk");
        String pw = password();
        AccountInfo info = env.createAccount(email, pw, VerificationMode.EMAIL_OTP, null);
        FxaClient hawk = new FxaClient(env.fxa().config().withTokenAuth(FxaConfig.TokenAuth.HAWK), env.http(),
                HawkSigner.systemDefault(), Clock.systemUTC());

        SignInResult.VerificationRequired required = (SignInResult.VerificationRequired) hawk.signIn(email, pw);
        // A body-less GET (no payload hash) and POSTs with a JSON body (hashed) on every session and keyFetch route.
        assertThat(hawk.sessionStatus(required.pending()).verified()).isFalse();
        hawk.verifyEmailCode(required.pending(), env.sandbox().latestEmailCode(email));
        assertLinkedTo(hawk.completeLink(required.pending()), email, info);
    }

    @Test
    void anAccountOnPasswordVersion2SignsInWithItsClientSalt() {
        String email = ClientSandbox.newEmail("v2");
        String pw = password();
        AccountInfo info = env.sandbox().createAccount(NewAccount.of(email, pw).withPasswordVersion2());
        assertThat(info.passwordVersion()).isEqualTo(2);
        assertThat(info.clientSalt()).startsWith("identity.mozilla.com/picl/v1/quickStretchV2:");

        LinkedAccount linked = env.link(email, pw);

        // kB came through keyFetchTokenVersion2 and the v2 unwrapBKey: the account's own keys and key id.
        assertLinkedTo(linked, email, info);
    }

    @Test
    void anUnfamiliarSignInIsUnblockedWithTheEmailedCode() {
        String email = ClientSandbox.newEmail("unblock");
        String pw = password();
        AccountInfo info = env.createAccount(email, pw, VerificationMode.EMAIL_OTP, null);
        env.sandbox().requireUnblockCode(email, true);
        FxaClient fxa = env.fxa();

        FxaException blocked = catchThrowableOfType(FxaException.class, () -> fxa.signIn(email, pw));
        assertThat(blocked.kind()).isEqualTo(FxaException.Kind.BLOCKED);
        assertThat(blocked.errno()).isEqualTo(125);
        assertThat(blocked.verificationMethod()).contains("email-captcha");

        fxa.sendUnblockCode(email);
        String code = env.sandbox().latestUnblockCode(email);
        FxaException wrong = catchThrowableOfType(FxaException.class,
                () -> fxa.signIn(email, pw, SignInOptions.defaults().withUnblockCode(code.equals("AAAAAAAA")
                        ? "BBBBBBBB"
                        : "AAAAAAAA")));
        assertThat(wrong.kind()).isEqualTo(FxaException.Kind.INVALID_UNBLOCK_CODE);
        assertThat(wrong.errno()).isEqualTo(127);
        assertThat(wrong.getMessage()).doesNotContain(code);

        fxa.sendUnblockCode(email);
        String fresh = env.sandbox().latestUnblockCode(email);
        SignInResult result = fxa.signIn(email, pw, SignInOptions.defaults().withUnblockCode(" " + fresh + " "));

        // A sign-in let through by an unblock code is a confirmed one.
        assertThat(result).isInstanceOf(SignInResult.SignedIn.class);
        assertLinkedTo(fxa.completeLink(result.pending()), email, info);
    }

    @Test
    void aChallengePageInsteadOfTheLoginIsABrowserCheck() {
        String email = ClientSandbox.newEmail("challenged");
        String pw = password();
        env.createAccount(email, pw, VerificationMode.NONE, null);
        env.sandbox().challengeSignIn(email, 1);

        FxaException e = catchThrowableOfType(FxaException.class, () -> env.fxa().signIn(email, pw));

        assertThat(e.kind()).isEqualTo(FxaException.Kind.BROWSER_CHECK);
        assertThat(e.httpStatus()).isEqualTo(406);
        assertThat(e.errno()).isZero();
        assertThat(e.status()).isEqualTo(SyncStatus.SERVICE);
        assertThat(e.getMessage()).contains("browser").doesNotContain("<");
        assertThat(env.fxa().signIn(email, pw)).isInstanceOf(SignInResult.SignedIn.class);
    }

    @Test
    void anAccountWithoutAPasswordIsToldToUseTheBrowser() {
        String email = ClientSandbox.newEmail("passwordless");
        env.sandbox().createAccount(NewAccount.withoutPassword(email));

        FxaException e = catchThrowableOfType(FxaException.class, () -> env.fxa().signIn(email, "any password 1"));

        assertThat(e.kind()).isEqualTo(FxaException.Kind.NO_PASSWORD);
        assertThat(e.status()).isEqualTo(SyncStatus.AUTH);
        assertThat(e.errno()).isIn(149, 210);
    }

    @Test
    void theRevocationOfALinkIsAccepted() {
        ClientSandbox.Linked a = env.linkedAccount("unlink", null);
        FxaClient fxa = env.fxa();
        String refresh = a.account().credentials().refreshToken();

        fxa.destroy(refresh, a.account().credentials().clientId());

        FxaException refused = catchThrowableOfType(FxaException.class,
                () -> fxa.refresh(refresh, a.account().credentials().clientId()));
        assertThat(refused.kind()).isEqualTo(FxaException.Kind.INVALID_TOKEN);
    }

    @Test
    void anotherEmailSpellingIsRetriedWithTheSaltEmail() {
        String email = ClientSandbox.newEmail("renamed");
        String pw = password();
        AccountInfo info = env.createAccount(email, pw, VerificationMode.NONE, null);
        String newPrimary = ClientSandbox.newEmail("new-primary");
        env.sandbox().changePrimaryEmail(email, newPrimary);

        SignInResult result = env.fxa().signIn(newPrimary, pw);

        assertThat(result).isInstanceOf(SignInResult.SignedIn.class);
        LinkedAccount linked = env.fxa().completeLink(result.pending());
        assertThat(linked.credentials().keyId()).isEqualTo(info.keyId());
    }

    @Test
    void theKeyFetchTokenIsSingleUseAndBurntEvenByARefusedFetch() {
        String email = ClientSandbox.newEmail("kft");
        String pw = password();
        env.createAccount(email, pw, VerificationMode.EMAIL_OTP, null);
        RawFxa raw = new RawFxa(env.baseUrl());

        // Fetching keys before verification fails AND spends the token: why FxaClient checks the session first.
        RawFxa.Answer login = raw.login(email, pw);
        String session = login.body().path("sessionToken").asText();
        String kft = login.body().path("keyFetchToken").asText();
        RawFxa.Answer tooEarly = raw.withToken("GET", "/account/keys", null, kft, FxaTokenKeys.Kind.KEY_FETCH);
        assertThat(tooEarly.status()).isEqualTo(400);
        assertThat(tooEarly.errno()).isEqualTo(104);
        RawFxa.Answer verified = raw.withToken("POST", "/session/verify_code",
                Json.object().put("code", env.sandbox().latestEmailCode(email)), session, FxaTokenKeys.Kind.SESSION);
        assertThat(verified.status()).isEqualTo(200);
        RawFxa.Answer burnt = raw.withToken("GET", "/account/keys", null, kft, FxaTokenKeys.Kind.KEY_FETCH);
        assertThat(burnt.status()).isEqualTo(401);
        assertThat(burnt.errno()).isEqualTo(110);

        // On a verified session the first fetch works and the second is refused.
        RawFxa.Answer again = raw.login(email, pw);
        String kft2 = again.body().path("keyFetchToken").asText();
        raw.withToken("POST", "/session/verify_code", Json.object().put("code", env.sandbox().latestEmailCode(email)),
                again.body().path("sessionToken").asText(), FxaTokenKeys.Kind.SESSION);
        RawFxa.Answer first = raw.withToken("GET", "/account/keys", null, kft2, FxaTokenKeys.Kind.KEY_FETCH);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("bundle").asText()).hasSize(192);
        assertThat(raw.withToken("GET", "/account/keys", null, kft2, FxaTokenKeys.Kind.KEY_FETCH).errno())
                .isEqualTo(110);

        // FxaClient never sends a keyFetchToken twice: a spent sign-in cannot be linked again.
        FxaClient fxa = env.fxa();
        SignInResult.VerificationRequired r = (SignInResult.VerificationRequired) fxa.signIn(email, pw);
        fxa.verifyEmailCode(r.pending(), env.sandbox().latestEmailCode(email));
        fxa.completeLink(r.pending());
        assertThatThrownBy(() -> fxa.completeLink(r.pending())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sign in again");
    }
}
