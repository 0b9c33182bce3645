package io.fxhome.web.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.secrets.AccountSecrets;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.web.account.AccountRepository;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Every branch of the password sign-in, over real HTTP against the sync-sandbox standing in for Firefox Accounts. */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class SignInApiTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final AtomicLong SEEDS = new AtomicLong(9100);

    @Inject
    AgroalDataSource ds;
    @Inject
    AccountSecretsCipher cipher;
    @Inject
    AccountRepository accounts;

    static Sandbox sandbox() {
        return SandboxTestResource.server().sandbox();
    }

    static String newAccount(VerificationMode mode) {
        String email = "web-" + UUID.randomUUID() + "@example.test";
        sandbox().createAccount(NewAccount.of(email, "pw " + email).withVerification(mode)
                .withProfile(ProfileSpec.small(SEEDS.getAndIncrement())
                        .withSizes(5, 5, 1)));
        return email;
    }

    @Test
    void passwordSignInLinksTheAccountStoresSealedSecretsAndEnqueuesTheFirstSync() throws Exception {
        String email = newAccount(VerificationMode.NONE);
        Browser browser = new Browser();
        Response r = browser.signIn(email, "pw " + email);
        r.then().statusCode(200).contentType(ContentType.JSON).body("status", equalTo("signed-in"))
                .body("account.email", equalTo(email)).body("account.status", equalTo("active"))
                .body("firstSync", equalTo("enqueued")).body("csrfToken", startsWith(""));
        String setCookie = r.getHeaders().getValues("Set-Cookie").stream().filter(h -> h.startsWith(Browser.COOKIE + "="))
                .findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Path=/")
                .doesNotContain("Secure");
        UUID account = UUID.fromString(r.jsonPath().getString("account.id"));
        assertThat(browser.session).startsWith(account + ".");

        String uid = sandbox().account(email).orElseThrow().uid();
        assertThat(TestData.one(ds, "select fxa_uid from account where id = ?", account)).isEqualTo(uid);
        // Only ciphertext is stored; the master key opens it to the key id the sandbox expects.
        AccountSecrets secrets = cipher.open(account, accounts.secrets(account).orElseThrow());
        assertThat(secrets.keyId()).isEqualTo(sandbox().account(email).orElseThrow().keyId());
        assertThat(TestData.one(ds,
                "select count(*) from account_secret where account_id = ? and position(convert_to(?, 'UTF8') in refresh_token) > 0",
                account, secrets.refreshToken())).isEqualTo("0");
        // The session table keeps a hash, never the cookie's secret.
        assertThat(TestData.one(ds, "select count(*) from web_session where account_id = ?", account)).isEqualTo("1");
        assertThat(TestData.one(ds, "select interactive_requested_at is not null from account where id = ?", account))
                .isEqualTo("t");

        browser.request().get("/api/v1/me").then().statusCode(200).body("account.id", equalTo(account.toString()))
                .body("csrfToken", equalTo(browser.csrf));
        browser.request().get("/api/v1/sync").then().statusCode(200).body("state", equalTo("queued"))
                .body("firstSyncDone", equalTo(false));
    }

    @Test
    void emailCodeStepWrongCodeThenRightCode() {
        String email = newAccount(VerificationMode.EMAIL_OTP);
        Browser browser = new Browser();
        browser.signIn(email, "pw " + email).then().statusCode(202).body("status", equalTo("verification-required"))
                .body("method", equalTo("email-otp")).body("expectsCode", equalTo(true))
                .body("message", containsString("emailed")).body("pendingSignIn", startsWith(""));
        assertThat(browser.pending).as("the handle cookie").isNotBlank();
        assertThat(browser.session).isNull();

        browser.verify("000000").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("invalid-code"))
                .body("attemptsLeft", equalTo(4)).body("type", equalTo("/problems/invalid-code"));
        browser.verify(sandbox().latestEmailCode(email)).then().statusCode(200).body("status", equalTo("signed-in"))
                .body("account.email", equalTo(email));
        assertThat(browser.session).isNotNull();
        assertThat(browser.pending).as("the handle cookie is cleared").isNull();
        browser.request().get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void pendingSignInCanBeNamedInTheBodyByClientsWithoutCookies() {
        String email = newAccount(VerificationMode.EMAIL_OTP);
        Browser phone = new Browser();
        String handle = phone.signIn(email, "pw " + email).then().statusCode(202).extract().path("pendingSignIn");
        phone.pending = null;
        phone.remember(phone.request().contentType(ContentType.JSON)
                .body("{\"code\": \"" + sandbox().latestEmailCode(email) + "\", \"pendingSignIn\": \"" + handle + "\"}")
                .post("/api/v1/session/verify")).then().statusCode(200).body("status", equalTo("signed-in"));
        // The handle is single-use.
        new Browser().request().contentType(ContentType.JSON)
                .body("{\"code\": \"123456\", \"pendingSignIn\": \"" + handle + "\"}")
                .post("/api/v1/session/verify").then().statusCode(410).body("code", equalTo("sign-in-expired"));
    }

    @Test
    void tooManyWrongCodesForgetTheSignIn() {
        String email = newAccount(VerificationMode.EMAIL_OTP);
        Browser browser = new Browser();
        browser.signIn(email, "pw " + email).then().statusCode(202);
        for (int i = 4; i >= 1; i--) {
            browser.verify("111111").then().statusCode(401).body("attemptsLeft", equalTo(i));
        }
        browser.verify("111111").then().statusCode(401).body("attemptsLeft", equalTo(0));
        browser.verify(sandbox().latestEmailCode(email)).then().statusCode(410).body("code", equalTo("sign-in-expired"));
    }

    @Test
    void totpStep() {
        String email = newAccount(VerificationMode.TOTP_2FA);
        Browser browser = new Browser();
        browser.signIn(email, "pw " + email).then().statusCode(202).body("method", equalTo("totp-2fa"))
                .body("message", containsString("authenticator"));
        browser.verify(null).then().statusCode(400).body("code", equalTo("code-required"));
        browser.verify(sandbox().currentTotpCode(email)).then().statusCode(200).body("status", equalTo("signed-in"));
    }

    @Test
    void wrongPasswordAndUnknownAccountAreClearProblems() {
        String email = newAccount(VerificationMode.NONE);
        Browser browser = new Browser();
        browser.signIn(email, "not the password").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("incorrect-password")).body("title", equalTo("Incorrect password"))
                .body("detail", equalTo("The password is incorrect.")).body("status", equalTo(401));
        browser.signIn("nobody-" + UUID.randomUUID() + "@example.test", "whatever").then().statusCode(401)
                .body("code", equalTo("unknown-account")).body("detail", containsString("no Mozilla account"));
        assertThat(browser.session).isNull();
    }

    @Test
    void throttlingBlockingAndServerTroubleComeWithWhatToDo() {
        String email = newAccount(VerificationMode.NONE);
        Browser browser = new Browser();
        sandbox().throttleSignIn(email, 1, 120);
        browser.signIn(email, "pw " + email).then().statusCode(429).header("Retry-After", "120")
                .body("code", equalTo("throttled"))
                .body("retryAfterSeconds", equalTo(120)).body("detail", containsString("in 2 minutes"));
        sandbox().blockSignIn(email, 1);
        browser.signIn(email, "pw " + email).then().statusCode(202).body("status", equalTo("unblock-required"))
                .body("message", containsString("unblock code"));
        sandbox().fxaUnavailable(email, 1, 30);
        browser.signIn(email, "pw " + email).then().statusCode(503).header("Retry-After", "30").body("code",
                equalTo("upstream-unavailable"));
        browser.signIn(email, "pw " + email).then().statusCode(200).body("status", equalTo("signed-in"));
    }

    @Test
    void aBlockedSignInEndsInAnUnblockCode() {
        String email = newAccount(VerificationMode.EMAIL_OTP);
        sandbox().requireUnblockCode(email, true);
        Browser browser = new Browser();
        browser.signIn(email, "pw " + email).then().statusCode(202).body("status", equalTo("unblock-required"))
                .body("expectsCode", equalTo(true)).body("email", equalTo(email))
                .body("message", containsString("emailed an unblock code to " + email));
        String first = sandbox().latestUnblockCode(email);
        assertThat(first).isNotBlank();

        // Another code on request; a wrong code is a clear refusal that can be answered with the right one.
        browser.request().contentType(ContentType.JSON).body("{}").post("/api/v1/session/unblock/resend").then()
                .statusCode(204);
        String second = sandbox().latestUnblockCode(email);
        browser.signIn(email, "pw " + email, "ZZZZZZZZ").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("invalid-unblock-code")).body("detail", containsString("send another"));
        // A session started with a valid unblock code counts as confirmed, as Mozilla treats it: no code step.
        browser.signIn(email, "pw " + email, second).then().statusCode(200).body("status", equalTo("signed-in"))
                .body("account.email", equalTo(email));
        assertThat(browser.session).isNotNull();
    }

    @Test
    void refusalsPasswordSignInCannotPassPointToMozillasPage() {
        String email = newAccount(VerificationMode.NONE);
        sandbox().challengeSignIn(email, 1);
        Browser browser = new Browser();
        browser.signIn(email, "pw " + email).then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("browser-check")).body("detail", containsString("sign in on Mozilla's page instead"))
                .body("signInOnMozilla", equalTo(true));

        String passwordless = "nopw-" + UUID.randomUUID() + "@example.test";
        sandbox().createAccount(
                NewAccount.of(passwordless, "unused").withoutPassword().withProfile(ProfileSpec.small(SEEDS.getAndIncrement())
                        .withSizes(5, 5, 1)));
        browser.signIn(passwordless, "anything").then().statusCode(403).body("code", equalTo("no-password"))
                .body("detail", containsString("Google, Apple or a passkey")).body("signInOnMozilla", equalTo(true));
    }

    @Test
    void anAccountOnPasswordVersion2SignsIn() {
        String email = "v2-" + UUID.randomUUID() + "@example.test";
        sandbox().createAccount(
                NewAccount.of(email, "pw " + email).withPasswordVersion2().withVerification(VerificationMode.NONE)
                        .withProfile(ProfileSpec.small(SEEDS.getAndIncrement()).withSizes(5, 5, 1)));
        new Browser().signIn(email, "pw " + email).then().statusCode(200).body("status", equalTo("signed-in"))
                .body("account.email", equalTo(email));
    }

    @Test
    void invalidInputIsRefusedBeforeAskingFirefoxAccounts() {
        Browser browser = new Browser();
        browser.signIn("not-an-email", "pw").then().statusCode(400).body("code", equalTo("invalid-email"));
        browser.signIn("someone@example.test", "").then().statusCode(400).body("code", equalTo("invalid-password"));
        // Only JSON: a cross-site HTML form cannot post a sign-in.
        browser.request().contentType(ContentType.URLENC).formParam("email", "a@b.c").formParam("password", "x")
                .post("/api/v1/session")
                .then().statusCode(415);
    }

    @Test
    void signInAttemptsAreRateLimitedPerEmail() {
        String email = newAccount(VerificationMode.NONE);
        for (int i = 0; i < 10; i++) {
            new Browser().signIn(email, "wrong " + i).then().statusCode(401);
        }
        new Browser().signIn(email, "pw " + email).then().statusCode(429).body("code", equalTo("rate-limited"))
                .header("Retry-After", Integer::parseInt, greaterThan(0));
    }

    @Test
    void signInAttemptsAreRateLimitedPerAddress() {
        Browser browser = new Browser();
        for (int i = 0; i < 30; i++) {
            browser.signIn("nobody-" + i + "-" + UUID.randomUUID() + "@example.test", "x").then().statusCode(401);
        }
        browser.signIn(newAccount(VerificationMode.NONE), "x").then().statusCode(429).body("code", equalTo("rate-limited"));
        // Another address is not affected.
        new Browser().signIn("nobody-" + UUID.randomUUID() + "@example.test", "x").then().statusCode(401);
    }

    @Test
    void xForwardedForCountsOnlyFromATrustedProxy() throws Exception {
        String body = "{\"email\": \"nobody-" + UUID.randomUUID() + "@example.test\", \"password\": \"x\"}";
        // A peer on 127.0.0.2 is not in quarkus.http.proxy.trusted-proxies: the address it claims is ignored.
        HttpClient untrusted = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build();
        HttpResponse<String> answer = untrusted
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/session"))
                        .header("Content-Type", "application/json").header("X-Forwarded-For", "203.0.113.77")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(TestData.one(ds, "select count(*) from sign_in_attempt where limit_key = 'a:203.0.113.77'")).isEqualTo("0");
        assertThat(Integer.parseInt(TestData.one(ds, "select count(*) from sign_in_attempt where limit_key = 'a:127.0.0.2'")))
                .isPositive();
        // From the trusted proxy (the loopback address), the forwarded address is the client's.
        given().header("X-Forwarded-For", "203.0.113.78").contentType(ContentType.JSON).body(body).post("/api/v1/session")
                .then().statusCode(401);
        assertThat(TestData.one(ds, "select count(*) from sign_in_attempt where limit_key = 'a:203.0.113.78'")).isEqualTo("1");
    }

    @Test
    void crossOriginStateChangesAreRefused() {
        String email = newAccount(VerificationMode.NONE);
        new Browser().request().header("Origin", "https://evil.example").contentType(ContentType.JSON)
                .body("{\"email\": \"" + email + "\", \"password\": \"pw " + email + "\"}").post("/api/v1/session")
                .then().statusCode(403).body("code", equalTo("csrf"));
        new Browser().request().header("Sec-Fetch-Site", "cross-site").contentType(ContentType.JSON)
                .body("{\"email\": \"" + email + "\", \"password\": \"pw " + email + "\"}").post("/api/v1/session")
                .then().statusCode(403);
    }

    @Test
    void signingInAgainRotatesTheSessionAndSignOutEndsIt() {
        String email = newAccount(VerificationMode.NONE);
        Browser browser = new Browser();
        browser.signIn(email, "pw " + email).then().statusCode(200);
        String first = browser.session;
        String firstCsrf = browser.csrf;
        browser.signIn(email, "pw " + email).then().statusCode(200);
        assertThat(browser.session).isNotEqualTo(first);
        assertThat(browser.csrf).isNotEqualTo(firstCsrf);
        Browser stale = new Browser();
        stale.session = first;
        stale.request().get("/api/v1/me").then().statusCode(401).body("code", equalTo("not-signed-in"));

        browser.request().delete("/api/v1/session").then().statusCode(403).body("code", equalTo("csrf"));
        browser.request().header("X-CSRF-Token", firstCsrf).delete("/api/v1/session").then().statusCode(403);
        Response out = browser.request().header("X-CSRF-Token", browser.csrf).delete("/api/v1/session");
        out.then().statusCode(204);
        assertThat(out.getHeaders().getValues("Set-Cookie"))
                .anySatisfy(h -> assertThat(h).startsWith(Browser.COOKIE + "=;").contains("Max-Age=0"));
        String signedOut = browser.session;
        browser.remember(out);
        Browser replay = new Browser();
        replay.session = signedOut;
        replay.request().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aReturningUserWhoNeededReauthIsActiveAgainWithTheSameAccount() throws Exception {
        String email = newAccount(VerificationMode.NONE);
        Browser browser = new Browser();
        String id = browser.signIn(email, "pw " + email).then().statusCode(200).extract().path("account.id");
        TestData.exec(ds,
                "update account set status = 'needs_reauth', status_reason = 'refresh token revoked', interactive_requested_at = null where id = ?",
                UUID.fromString(id));
        new Browser().signIn(email, "pw " + email).then().statusCode(200).body("account.id", equalTo(id))
                .body("account.status", equalTo("active"));
        assertThat(TestData.one(ds, "select count(*) from account where fxa_uid = ?",
                sandbox().account(email).orElseThrow().uid())).isEqualTo("1");
        assertThat(TestData.one(ds,
                "select status_reason is null and last_seen_at > now() - interval '1 minute' from account where id = ?",
                UUID.fromString(id))).isEqualTo("t");
    }

    @Test
    void sessionEndpointTellsSignedOutBrowsersTheirOptions() {
        new Browser().request().get("/api/v1/session").then().statusCode(200).body("status", equalTo("signed-out"));
        new Browser().request().get("/api/v1/me").then().statusCode(401).contentType("application/problem+json");
    }
}
