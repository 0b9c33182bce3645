package io.fxhome.web.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.web.account.AccountRepository;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.MozillaSignInPage;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Sign-in on Mozilla's page (the sandbox's stand-in for it), completed with the address a person pastes: the password
 * never reaches fxhome, and the account is the one Mozilla names, whatever the key says.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class BrowserSignInApiTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final AtomicLong SEEDS = new AtomicLong(9400);

    @Inject
    AgroalDataSource ds;
    @Inject
    AccountSecretsCipher cipher;
    @Inject
    AccountRepository accounts;

    static Sandbox sandbox() {
        return SandboxTestResource.server().sandbox();
    }

    static String newAccount() {
        String email = "browser-" + UUID.randomUUID() + "@example.test";
        sandbox().createAccount(NewAccount.of(email, "pw " + email).withVerification(VerificationMode.NONE)
                .withProfile(ProfileSpec.small(SEEDS.getAndIncrement()).withSizes(5, 5, 1)));
        return email;
    }

    @Test
    void theAuthorizationRequestIsTheOneMozillasClientsMake() {
        String url = new Browser().beginBrowserSignIn();
        assertThat(url).startsWith(SandboxTestResource.server().baseUrl() + "/authorization?");
        Map<String, String> q = MozillaSignInPage.query(url);
        assertThat(q).containsEntry("client_id", "1b1a3e44c54fbb58").containsEntry("response_type", "code")
                .containsEntry("access_type", "offline").containsEntry("code_challenge_method", "S256")
                .containsEntry("scope", "profile https://identity.mozilla.com/apps/oldsync")
                .containsEntry("redirect_uri", SandboxTestResource.server().baseUrl() + "/oauth/success/1b1a3e44c54fbb58")
                .containsKeys("state", "code_challenge", "keys_jwk");
        assertThat(q.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void thePastedAddressSignsInTheAccountMozillaNames() throws Exception {
        String email = newAccount();
        Browser browser = new Browser();
        String landedOn = MozillaSignInPage.signIn(browser.beginBrowserSignIn(), email, "pw " + email);
        assertThat(landedOn).contains("/oauth/success/1b1a3e44c54fbb58?").contains("code=").contains("state=");

        Response r = browser.completeBrowserSignIn("  " + landedOn + "\n");
        r.then().statusCode(200).body("status", equalTo("signed-in")).body("account.email", equalTo(email))
                .body("csrfToken", notNullValue()).body("firstSync", equalTo("enqueued"));
        UUID account = UUID.fromString(r.jsonPath().getString("account.id"));
        assertThat(TestData.one(ds, "select fxa_uid from account where id = ?", account))
                .isEqualTo(sandbox().account(email).orElseThrow().uid());
        assertThat(cipher.open(account, accounts.secrets(account).orElseThrow()).keyId())
                .isEqualTo(sandbox().account(email).orElseThrow().keyId());
        assertThat(browser.browserSignIn).as("the step's cookie is cleared").isNull();
        // The pending sign-in is spent: the same address does nothing a second time.
        Browser replay = new Browser();
        replay.browserSignIn = r.getCookie("fxhome_browser");
        replay.completeBrowserSignIn(landedOn).then().statusCode(410);

        // Signing in again this way finds the same account.
        Browser again = new Browser();
        again.completeBrowserSignIn(MozillaSignInPage.signIn(again.beginBrowserSignIn(), email, "pw " + email)).then()
                .statusCode(200)
                .body("account.id", equalTo(account.toString()));
    }

    @Test
    void anotherBrowserCannotCompleteTheSignIn() {
        String email = newAccount();
        Browser starter = new Browser();
        String landedOn = MozillaSignInPage.signIn(starter.beginBrowserSignIn(), email, "pw " + email);
        new Browser().completeBrowserSignIn(landedOn).then().statusCode(410).body("code", equalTo("sign-in-expired"));
        // The starting browser still can.
        starter.completeBrowserSignIn(landedOn).then().statusCode(200);
    }

    @Test
    void aWrongAddressLeavesTheSignInWaiting() {
        String email = newAccount();
        Browser browser = new Browser();
        String url = browser.beginBrowserSignIn();
        browser.completeBrowserSignIn("https://accounts.firefox.com/settings").then().statusCode(400)
                .body("code", equalTo("not-a-sign-in-address"));
        browser.completeBrowserSignIn("https://accounts.firefox.com/oauth/success/1b1a3e44c54fbb58?code=" + "ab".repeat(32)
                + "&state=c29tZW9uZS1lbHNlcy1zdGF0ZQ").then().statusCode(400).body("code", equalTo("state-mismatch"));
        browser.completeBrowserSignIn(MozillaSignInPage.signIn(url, email, "pw " + email)).then().statusCode(200)
                .body("status", equalTo("signed-in"));
    }

    @Test
    void aKeyCarryingAnotherAccountsClientStateGetsNothingOfThatAccount() throws Exception {
        String victim = newAccount();
        Browser victimBrowser = new Browser();
        String victimId = victimBrowser
                .completeBrowserSignIn(MozillaSignInPage.signIn(victimBrowser.beginBrowserSignIn(), victim,
                        "pw " + victim))
                .then().statusCode(200).extract().path("account.id");

        // The attacker's own Mozilla account, and a keys_jwe (made in the attacker's browser, passed through by Mozilla
        // unread) whose kid names the victim's key.
        String attacker = newAccount();
        sandbox().forgeNextKeysJweKid(attacker, sandbox().account(victim).orElseThrow().keyId());
        Browser attackerBrowser = new Browser();
        attackerBrowser.completeBrowserSignIn(MozillaSignInPage.signIn(attackerBrowser.beginBrowserSignIn(), attacker,
                "pw " + attacker)).then().statusCode(403).body("code", equalTo("key-mismatch"));
        assertThat(attackerBrowser.session).isNull();
        attackerBrowser.request().get("/api/v1/me").then().statusCode(401);
        assertThat(TestData.one(ds, "select count(*) from web_session where account_id = ?", UUID.fromString(victimId)))
                .isEqualTo("1");
        assertThat(TestData.one(ds, "select count(*) from account where fxa_uid = ?",
                sandbox().account(attacker).orElseThrow().uid()))
                .isEqualTo("0");

        // The victim still signs in normally afterwards, to the same account.
        Browser later = new Browser();
        later.completeBrowserSignIn(MozillaSignInPage.signIn(later.beginBrowserSignIn(), victim, "pw " + victim)).then()
                .statusCode(200)
                .body("account.id", equalTo(victimId)).body("account.email", equalTo(victim));
    }

    @Test
    void theCallbackRefusesASignInItDidNotStart() {
        Browser browser = new Browser();
        browser.request().get("/signin/oauth/callback?code=" + "ab".repeat(32) + "&state=forged").then().statusCode(303)
                .header("Location", Matchers.containsString("/#/signin?error=sign-in-expired"));
        browser.request().get("/api/v1/me").then().statusCode(401);
    }
}
