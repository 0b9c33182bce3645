package io.fxhome.web.hygiene;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.oneOf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.hygiene.testing.DatabaseDump;
import io.fxhome.hygiene.testing.KnownSecrets;
import io.fxhome.hygiene.testing.LogCapture;
import io.fxhome.sandbox.IssuedSecrets;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.sync.crypto.FxaTokenKeys;
import io.fxhome.sync.crypto.OnePwCredentials;
import io.fxhome.sync.crypto.SyncKeyDerivation;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.MozillaSignInPage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * No secret reaches a log line or a table of the web app. With every log record captured (fxhome's code and the JDK
 * HTTP client at DEBUG, the rest at its configured level), the web app runs each way in: a wrong password, a password
 * sign-in, one with an emailed code, one that Mozilla blocks until the emailed unblock code, the sign-in on Mozilla's
 * page (the pasted address), and the HTML4 password form; then sync-now, the account and session calls, a sign-out and
 * an unlink-and-delete. The log lines and a dump of every table are then searched for every secret the sandbox issued
 * for these accounts (session and keyFetch tokens and their Hawk keys, OAuth access and refresh tokens, the OAuth code,
 * kB, kSync and its halves, tokenserver keys), the passwords, authPW and unwrapBKey, fxhome's own session cookies,
 * CSRF tokens and pending sign-in handles, personal API tokens (made, used, refused, revoked) and feed URL secrets, and
 * the master key, in every spelling (raw, hex, base64, base64url).
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class WebSecretHygieneTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final AtomicLong SEEDS = new AtomicLong(9_700);

    @Inject
    AgroalDataSource ds;

    /** An account of the sandbox, and what fxhome's client handed out for it. */
    record Person(String email, String password, List<String> clientSecrets) {
    }

    @Test
    void noSecretInAnyLogLineOrTableOfTheWebApp() throws Exception {
        Sandbox sandbox = SandboxTestResource.server().sandbox();
        Person plain = person(sandbox, VerificationMode.NONE);
        Person otp = person(sandbox, VerificationMode.EMAIL_OTP);
        Person blocked = person(sandbox, VerificationMode.NONE);
        Person oauth = person(sandbox, VerificationMode.NONE);
        Person basic = person(sandbox, VerificationMode.NONE);

        List<String> logLines;
        try (LogCapture capture = LogCapture.start()) {
            // A wrong password, then the right one; sync now, the account, sign-out.
            Browser b1 = new Browser();
            b1.signIn(plain.email(), plain.password() + " typo").then().statusCode(401);
            b1.signIn(plain.email(), plain.password()).then().statusCode(200);
            keep(plain, b1);
            // Sync now: enqueued, or refused for the first sync the sign-in just asked for.
            b1.request().header("X-CSRF-Token", b1.csrf).post("/api/v1/sync").then().statusCode(oneOf(202, 429));
            b1.request().get("/api/v1/me").then().statusCode(200);
            b1.request().get("/api/v1/session").then().statusCode(200);
            // A personal API token: made, used, refused where it does not belong, revoked; and the feeds' secret URLs.
            var created = b1.request().contentType(ContentType.JSON).header("X-CSRF-Token", b1.csrf)
                    .body(Map.of("name", "hygiene")).post("/api/v1/tokens");
            created.then().statusCode(201);
            String token = created.jsonPath().getString("token");
            plain.clientSecrets().addAll(List.of(token, token.substring(token.indexOf('.') + 1)));
            given().header("Authorization", "Bearer " + token).get("/api/v1/tabs").then().statusCode(200);
            given().header("Authorization", "Bearer " + token).post("/api/v1/sync").then().statusCode(403);
            given().header("Authorization", "Bearer " + token + "x").get("/api/v1/tabs").then().statusCode(401);
            String feed = b1.request().header("X-CSRF-Token", b1.csrf).post("/api/v1/feeds").then().statusCode(201)
                    .extract().jsonPath().getString("bookmarks");
            String feedKey = java.net.URI.create(feed).getPath().split("/")[2];
            plain.clientSecrets().addAll(List.of(feedKey, feedKey.substring(feedKey.indexOf('.') + 1)));
            given().get(java.net.URI.create(feed).getPath()).then().statusCode(200);
            given().get(java.net.URI.create(feed).getPath().replace("bookmarks", "tabs")).then().statusCode(404);
            var second = b1.request().contentType(ContentType.JSON).header("X-CSRF-Token", b1.csrf)
                    .body(Map.of("name", "kept")).post("/api/v1/tokens");
            String kept = second.jsonPath().getString("token");
            plain.clientSecrets().addAll(List.of(kept, kept.substring(kept.indexOf('.') + 1)));
            b1.request().header("X-CSRF-Token", b1.csrf).delete("/api/v1/tokens/" + created.jsonPath().getString("id"))
                    .then().statusCode(204);
            given().header("Authorization", "Bearer " + token).get("/api/v1/tabs").then().statusCode(401);
            b1.remember(b1.request().header("X-CSRF-Token", b1.csrf).delete("/api/v1/session")).then().statusCode(204);

            // The emailed code.
            Browser b2 = new Browser();
            b2.signIn(otp.email(), otp.password()).then().statusCode(202);
            otp.clientSecrets().add(b2.pending);
            b2.verify(sandbox.latestEmailCode(otp.email())).then().statusCode(200);
            keep(otp, b2);

            // Blocked until the emailed unblock code.
            sandbox.requireUnblockCode(blocked.email(), true);
            Browser b3 = new Browser();
            b3.signIn(blocked.email(), blocked.password()).then().statusCode(202);
            blocked.clientSecrets().add(b3.pending);
            b3.request().contentType(ContentType.JSON).body("{}").post("/api/v1/session/unblock/resend").then()
                    .statusCode(204);
            b3.signIn(blocked.email(), blocked.password(), sandbox.latestUnblockCode(blocked.email())).then().statusCode(200);
            keep(blocked, b3);
            b3.request().header("X-CSRF-Token", b3.csrf).post("/api/v1/sync");

            // On Mozilla's page, then unlink and delete everything (the refresh token is revoked upstream).
            Browser b4 = new Browser();
            String authorization = b4.beginBrowserSignIn();
            oauth.clientSecrets().add(b4.browserSignIn);
            oauth.clientSecrets().add(MozillaSignInPage.query(authorization).get("state"));
            String landedOn = MozillaSignInPage.signIn(authorization, oauth.email(), oauth.password());
            oauth.clientSecrets().add(MozillaSignInPage.query(landedOn).get("code"));
            b4.completeBrowserSignIn(landedOn).then().statusCode(200);
            keep(oauth, b4);
            b4.remember(b4.request().header("X-CSRF-Token", b4.csrf).delete("/api/v1/me")).then().statusCode(200);

            // The HTML4 password form.
            Browser b5 = new Browser();
            String csrf = "hygiene-csrf-" + UUID.randomUUID();
            b5.remember(b5.request().cookie("fxhome_csrf", csrf).formParam("csrf", csrf).formParam("email", basic.email())
                    .formParam("password", basic.password()).post("/basic/signin")).then().statusCode(303);
            keep(basic, b5);
            b5.request().get("/basic/sync").then().statusCode(200);
            logLines = capture.lines();
        }

        // The capture saw the web app's own lines and the client's requests to Mozilla's stand-in.
        assertThat(logLines).anyMatch(l -> l.contains("io.fxhome.web"));
        assertThat(logLines).anyMatch(l -> l.contains("io.fxhome.sync") && l.contains("->"));

        KnownSecrets secrets = new KnownSecrets();
        for (Person p : List.of(plain, otp, blocked, oauth, basic)) {
            issuedBy(sandbox, p, secrets);
        }
        secrets.text("master key", ConfigProvider.getConfig().getValue("fxhome.master-key", String.class));
        assertThat(secrets.size()).isGreaterThan(200);

        List<String> leaks = new ArrayList<>();
        for (String line : logLines) {
            Set<String> found = secrets.foundIn(line);
            if (!found.isEmpty()) {
                leaks.add(found + " in log line: " + line.substring(0, Math.min(line.length(), 300)));
            }
        }
        List<String> dump = DatabaseDump.rows(ds);
        assertThat(dump).anyMatch(row -> row.startsWith("account_secret:")).anyMatch(row -> row.startsWith("web_session:"))
                .anyMatch(row -> row.startsWith("api_token:")).anyMatch(row -> row.startsWith("feed_secret:"));
        for (String row : dump) {
            Set<String> found = secrets.foundIn(row);
            if (!found.isEmpty()) {
                leaks.add(found + " in a row of " + row.substring(0, row.indexOf(':')));
            }
        }
        assertThat(leaks).as("secrets in %d log lines and %d rows", logLines.size(), dump.size()).isEmpty();
    }

    private static Person person(Sandbox sandbox, VerificationMode mode) {
        String email = "web-hygiene-" + UUID.randomUUID() + "@example.test";
        // ASCII: the stand-in for Mozilla's page and the HTML4 form are posted by a client that encodes forms as ISO-8859-1.
        String password = "web hygiene password " + UUID.randomUUID();
        sandbox.createAccount(NewAccount.of(email, password).withVerification(mode)
                .withProfile(ProfileSpec.small(SEEDS.getAndIncrement()).withSizes(5, 5, 1)));
        return new Person(email, password, new ArrayList<>());
    }

    /** fxhome's own secrets of a signed-in browser: its session cookie and CSRF token. */
    private static void keep(Person p, Browser b) {
        assertThat(b.session).as("signed in").isNotNull();
        p.clientSecrets().add(b.session.substring(b.session.indexOf('.') + 1));
        p.clientSecrets().add(b.csrf);
    }

    private static void issuedBy(Sandbox sandbox, Person p, KnownSecrets secrets) {
        IssuedSecrets issued = sandbox.issuedSecrets(p.email());
        // Every linked account got a refresh token; the sign-in on Mozilla's page leaves fxhome no session token.
        assertThat(issued.refreshTokens()).isNotEmpty();
        secrets.text("password", p.password());
        OnePwCredentials onePw = OnePwCredentials.v1(p.email(), p.password());
        secrets.bytes("authPW", onePw.authPW()).bytes("unwrapBKey", onePw.unwrapBKey());
        Map<FxaTokenKeys.Kind, List<String>> hawk = Map.of(FxaTokenKeys.Kind.SESSION, issued.sessionTokens(),
                FxaTokenKeys.Kind.KEY_FETCH, issued.keyFetchTokens());
        hawk.forEach((kind, tokens) -> tokens.forEach(t -> secrets.text(kind + " token", t)
                .bytes(kind + " Hawk key", FxaTokenKeys.deriveHex(t, kind).reqHmacKey())));
        issued.accessTokens().forEach(t -> secrets.text("access token", t));
        issued.refreshTokens().forEach(t -> secrets.text("refresh token", t));
        issued.storageTokenKeys().forEach(k -> secrets.text("tokenserver key", k));
        byte[] kB = HexFormat.of().parseHex(issued.kBHex());
        byte[] kSync = SyncKeyDerivation.kSync(kB);
        secrets.bytes("kB", kB).bytes("kSync", kSync).bytes("kSync encryption half", Arrays.copyOfRange(kSync, 0, 32))
                .bytes("kSync HMAC half", Arrays.copyOfRange(kSync, 32, 64));
        p.clientSecrets().stream().filter(s -> s != null && s.length() >= 16)
                .forEach(s -> secrets.text("fxhome's session, CSRF token, handle or OAuth value", s));
    }
}
