package io.fxhome.web.sendtab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.devices.FirefoxDevice;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.web.account.AccountRepository;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.Html401Validator;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Sending a tab end to end against the sandbox: fxhome lists the simulated Firefox, encrypts for it, and the
 * simulated Firefox (its own implementation of the decryption) reads the same URL and title; Mozilla's refusals and
 * fxhome's own limit read clearly.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class SendTabApiTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    @Inject
    AgroalDataSource ds;
    @Inject
    AccountSecretsCipher cipher;
    @Inject
    AccountRepository accounts;
    @Inject
    FxaClient fxa;

    /** The sandbox derives the account's uid from the profile's seed: one seed per account. */
    private static final AtomicLong SEEDS = new AtomicLong(19_000);

    private static String sandboxAccount() {
        String email = "send-" + UUID.randomUUID() + "@example.test";
        SandboxTestResource.server().sandbox()
                .createAccount(
                        NewAccount.of(email, "pw").withProfile(ProfileSpec.small(SEEDS.getAndIncrement()).withSizes(3, 3, 1)));
        return email;
    }

    private static Response send(Browser browser, Object body) {
        return browser.request().header("X-CSRF-Token", browser.csrf).contentType(ContentType.JSON).body(body)
                .post("/api/v1/send-tab");
    }

    @Test
    void theSimulatedFirefoxDecryptsTheSameUrlAndTitle() {
        String email = sandboxAccount();
        Browser browser = new Browser();
        browser.signIn(email, "pw").then().statusCode(200);
        String firefox = SandboxTestResource.server().sandbox().firefoxDeviceId(email);

        browser.request().get("/api/v1/send-tab/devices").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("devices.id", equalTo(List.of(firefox)))
                .body("devices[0].name", equalTo(FirefoxDevice.NAME)).body("devices[0].type", equalTo("desktop"));

        String title = "Grüße <b>&</b> \"quotes\" 🦊";
        String url = "https://example.org/ä?q=1&r=<2>#frag";
        send(browser, Map.of("deviceId", firefox, "url", url, "title", title)).then().statusCode(200)
                .body("status", equalTo("sent")).body("device.id", equalTo(firefox))
                .body("titleShortened", equalTo(false)).body("message", equalTo("Sent to " + FirefoxDevice.NAME + "."));

        List<FirefoxDevice.ReceivedTab> received = SandboxTestResource.server().sandbox().firefoxReceived(email);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).url()).isEqualTo(url);
        assertThat(received.get(0).title()).isEqualTo(title);

        // Mozilla's customs blocks the account for a while: 429 errno 114 with retryAfter, passed on.
        SandboxTestResource.server().sandbox().throttleInvokeCommand(email, 1, 120);
        send(browser, Map.of("deviceId", firefox, "url", "https://example.org/later", "title", "Later")).then()
                .statusCode(429).contentType("application/problem+json").header("Retry-After", "120")
                .body("code", equalTo("throttled")).body("retryAfterSeconds", equalTo(120));
        assertThat(SandboxTestResource.server().sandbox().firefoxReceived(email)).hasSize(1);

        // The Firefox stops taking tabs between fxhome's device list and its send: Mozilla answers errno 157.
        SandboxTestResource.server().sandbox().invokeRacesCommandRemoval(email, 1);
        send(browser, Map.of("deviceId", firefox, "url", "https://example.org/gone", "title", "Gone")).then()
                .statusCode(409).contentType("application/problem+json").body("code", equalTo("device-cannot-receive"));
        assertThat(SandboxTestResource.server().sandbox().firefoxReceived(email)).hasSize(1);
        browser.request().get("/api/v1/send-tab/devices").then().statusCode(200).body("devices.id",
                not(hasItem(firefox)));
    }

    @Test
    void refusalsReadClearlyAndNothingIsSentForThem() throws Exception {
        String email = sandboxAccount();
        Browser browser = new Browser();
        String account = browser.signIn(email, "pw").then().statusCode(200).extract().path("account.id");
        String firefox = SandboxTestResource.server().sandbox().firefoxDeviceId(email);

        // Without the CSRF token, nothing happens.
        browser.request().contentType(ContentType.JSON)
                .body(Map.of("deviceId", firefox, "url", "https://a.example/", "title", "A")).post("/api/v1/send-tab")
                .then().statusCode(403).body("code", equalTo("csrf"));
        // Only web addresses: never javascript:, data:, file: or place:.
        for (String url : List.of("javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd",
                "place:sort=8", "", "https://a.example/with space")) {
            send(browser, Map.of("deviceId", firefox, "url", url, "title", "x")).then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("not-sendable"));
        }
        send(browser, Map.of("deviceId", firefox, "url", "https://a.example/" + "a".repeat(70_000), "title", "x"))
                .then().statusCode(400).body("code", equalTo("not-sendable"));
        // A device the account does not have (or no longer has).
        send(browser, Map.of("deviceId", "0123456789abcdef0123456789abcdef", "url", "https://a.example/", "title",
                "A")).then().statusCode(404).body("code", equalTo("unknown-device"));
        send(browser, Map.of("deviceId", "not-a-device", "url", "https://a.example/", "title", "A")).then()
                .statusCode(404).body("code", equalTo("unknown-device"));
        assertThat(SandboxTestResource.server().sandbox().firefoxReceived(email)).isEmpty();
        // Not signed in.
        new Browser().request().get("/api/v1/send-tab/devices").then().statusCode(401);

        // The limit (5 per window in the test profile) counts every attempt that reached Mozilla: the unknown device
        // above was one.
        for (int i = 0; i < 4; i++) {
            send(browser, Map.of("deviceId", firefox, "url", "https://a.example/" + i, "title", "T" + i)).then()
                    .statusCode(200);
        }
        Response limited = send(browser, Map.of("deviceId", firefox, "url", "https://a.example/late", "title", "Late"));
        limited.then().statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("send-rate-limited"));
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertThat(retryAfter).isBetween(3000, 3600);
        assertThat(SandboxTestResource.server().sandbox().firefoxReceived(email))
                .extracting(FirefoxDevice.ReceivedTab::url).containsExactly("https://a.example/0",
                        "https://a.example/1", "https://a.example/2", "https://a.example/3");
        assertThat(TestData.one(ds, "select count(*) from send_tab_sent where account_id = ?::uuid",
                account)).isEqualTo("5");
    }

    @Test
    void aDeviceRemovedMeanwhileIsAnUnknownDeviceAndARevokedTokenAsksForSignIn() {
        String email = sandboxAccount();
        Browser browser = new Browser();
        UUID id = UUID.fromString(browser.signIn(email, "pw").then().statusCode(200).extract().path("account.id"));
        String firefox = SandboxTestResource.server().sandbox().firefoxDeviceId(email);
        SandboxTestResource.server().sandbox().removeDevice(email, firefox);
        browser.request().get("/api/v1/send-tab/devices").then().statusCode(200).body("devices.id",
                not(hasItem(firefox)));
        send(browser, Map.of("deviceId", firefox, "url", "https://a.example/", "title", "A")).then().statusCode(404)
                .body("code", equalTo("unknown-device"));

        // The user signed fxhome out in their account's settings: its refresh token is gone.
        fxa.destroy(cipher.open(id, accounts.secrets(id).orElseThrow()).refreshToken(),
                accounts.oauthClientId(id).orElse(fxa.config().clientId()));
        browser.request().get("/api/v1/send-tab/devices").then().statusCode(409).body("code", equalTo("needs-reauth"));
        send(browser, Map.of("deviceId", firefox, "url", "https://a.example/", "title", "A")).then().statusCode(409)
                .body("code", equalTo("needs-reauth"));
    }

    @Test
    void theHtml4PageListsTheDevicesAndSends() throws Exception {
        String email = sandboxAccount();
        Browser browser = new Browser();
        UUID id = UUID.fromString(browser.signIn(email, "pw").then().statusCode(200).extract().path("account.id"));
        String firefox = SandboxTestResource.server().sandbox().firefoxDeviceId(email);

        String form = browser.request().queryParam("url", "https://example.org/?a=1&b=2")
                .queryParam("title", "Basic <i>page</i>").get("/basic/send").then().statusCode(200).extract()
                .asString();
        assertValid(form);
        assertThat(form).contains("value=\"" + firefox + "\"").contains(FirefoxDevice.NAME)
                .contains("Basic &lt;i&gt;page&lt;/i&gt;").contains("type=\"radio\"");
        Matcher m = CSRF.matcher(form);
        assertThat(m.find()).isTrue();
        String csrf = m.group(1);

        browser.request().formParam("csrf", "wrong").formParam("deviceId", firefox)
                .formParam("url", "https://example.org/?a=1&b=2").formParam("title", "Basic <i>page</i>")
                .post("/basic/send").then().statusCode(403);
        String sent = browser.request().formParam("csrf", csrf).formParam("deviceId", firefox)
                .formParam("url", "https://example.org/?a=1&b=2").formParam("title", "Basic <i>page</i>")
                .post("/basic/send").then().statusCode(200).extract().asString();
        assertValid(sent);
        assertThat(sent).contains("Sent to " + FirefoxDevice.NAME + ".");
        assertThat(SandboxTestResource.server().sandbox().firefoxReceived(email))
                .extracting(FirefoxDevice.ReceivedTab::url, FirefoxDevice.ReceivedTab::title)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("https://example.org/?a=1&b=2", "Basic <i>page</i>"));

        String refused = browser.request().queryParam("url", "javascript:alert(1)").get("/basic/send").then()
                .statusCode(200).extract().asString();
        assertValid(refused);
        assertThat(refused).contains("Only web addresses").doesNotContain("type=\"radio\"")
                .doesNotContain("href=\"javascript:");
        String unknown = browser.request().formParam("csrf", csrf).formParam("deviceId",
                "0123456789abcdef0123456789abcdef").formParam("url", "https://example.org/").post("/basic/send")
                .then().statusCode(404).extract().asString();
        assertValid(unknown);
        assertThat(unknown).contains("no longer one of your Firefox Account");
        // In German (the language cookie): the sentence and a refusal in the page's language.
        String german = browser.request().cookie("fxhome_lang", "de").formParam("csrf", csrf)
                .formParam("deviceId", firefox).formParam("url", "https://example.org/de").post("/basic/send").then()
                .statusCode(200).extract().asString();
        assertValid(german);
        assertThat(german).contains("An " + FirefoxDevice.NAME + " gesendet.").contains("An Gerät senden");
        String germanRefusal = browser.request().cookie("fxhome_lang", "de").queryParam("url", "javascript:alert(1)")
                .get("/basic/send").then().statusCode(200).extract().asString();
        assertThat(germanRefusal).contains("Nur Webadressen");

        // The lists link each web address to this page (here the inbox; the other lists share the tag).
        TestData.exec(ds, """
                insert into inbox (account_id, device_id, command_index, url, title, sender_id, sender_name)
                values (?, 'fxhome-dev', 1, 'https://in.example/?x=1', 'In', 'sender', 'Laptop'),
                       (?, 'fxhome-dev', 2, 'javascript:alert(1)', 'Bad', 'sender', 'Laptop')""", id, id);
        String inbox = browser.request().get("/basic/inbox").then().statusCode(200).extract().asString();
        assertValid(inbox);
        assertThat(inbox).contains("href=\"/basic/send?url=https%3A%2F%2Fin.example%2F%3Fx%3D1&amp;title=In\"")
                .doesNotContain("/basic/send?url=javascript");
    }

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private static void assertValid(String html) throws Exception {
        assertThat(html).startsWith(
                "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">");
        assertThat(Html401Validator.errors(html)).as("HTML 4.01 Strict validation of:\n" + html).isEmpty();
    }
}
