package io.fxhome.web.sendtab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

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
import io.fxhome.sandbox.devices.Device;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.sync.devices.DeviceClient;
import io.fxhome.web.account.AccountRepository;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.FxhomeDeviceRegistration;
import io.fxhome.web.testsupport.Html401Validator;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Renaming fxhome's device against the sandbox: the name reaches Mozilla's device list at once (a name-only device
 * update), Mozilla's name rule is applied before anything is sent, and an empty name goes back to the install's.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class FxhomeDeviceNameTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    /** The sandbox derives the account's uid from the profile's seed: one seed per account. */
    private static final AtomicLong SEEDS = new AtomicLong(23_000);
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @Inject
    AgroalDataSource ds;
    @Inject
    AccountSecretsCipher cipher;
    @Inject
    AccountRepository accounts;
    @Inject
    DeviceClient devices;

    @Test
    void aChosenNameReachesMozillaAndAnEmptyOneGoesBackToTheInstalls() throws Exception {
        String email = account();
        Browser browser = new Browser();
        UUID id = UUID.fromString(browser.signIn(email, "pw").then().statusCode(200).extract().path("account.id"));

        // Before the first sync fxhome is no device of the account yet.
        browser.request().get("/api/v1/send-tab/device").then().statusCode(404).body("code", equalTo("not-registered"));
        rename(browser, "Kitchen").then().statusCode(409).body("code", equalTo("not-registered"));

        String deviceId = registerAsTheWorkerDoes(id);
        browser.request().get("/api/v1/send-tab/device").then().statusCode(200).body("deviceId", equalTo(deviceId))
                .body("name", equalTo("fxhome")).body("chosen", equalTo(false));

        // Without the CSRF token nothing changes.
        browser.request().contentType(ContentType.JSON).body(Map.of("name", "x")).put("/api/v1/send-tab/device")
                .then().statusCode(403);
        rename(browser, "  fxhome on home.example.org <b>🦊</b>  ").then().statusCode(200)
                .body("name", equalTo("fxhome on home.example.org <b>🦊</b>")).body("chosen", equalTo(true));
        assertThat(names(email)).contains("fxhome on home.example.org <b>🦊</b>").doesNotContain("fxhome");
        assertThat(TestData.one(ds, "select chosen_name from send_tab_device where account_id = ?", id))
                .isEqualTo("fxhome on home.example.org <b>🦊</b>");
        assertThat(TestData.one(ds, "select device_id from send_tab_device where account_id = ?", id))
                .isEqualTo(deviceId);

        // Mozilla's rule (255 display-safe characters) is checked before anything is sent.
        for (String refused : List.of("a".repeat(256), "bell\u0007", "private\uE000", "line\u2028break")) {
            rename(browser, refused).then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("invalid-device-name"));
        }
        rename(browser, "a".repeat(255)).then().statusCode(200);
        assertThat(names(email)).contains("a".repeat(255));

        // Empty: the install's name, which the worker sends at the account's next sync.
        rename(browser, "   ").then().statusCode(200).body("chosen", equalTo(false));
        assertThat(TestData.one(ds, "select chosen_name is null from send_tab_device where account_id = ?", id))
                .isEqualTo("t");
    }

    @Test
    void theHtml4PageRenamesInTheUsersLanguage() throws Exception {
        String email = account();
        Browser browser = new Browser();
        UUID id = UUID.fromString(browser.signIn(email, "pw").then().statusCode(200).extract().path("account.id"));
        String before = browser.request().get("/basic/device-name").then().statusCode(200).extract().asString();
        assertValid(before);
        assertThat(before).contains("first sync").doesNotContain("name=\"name\"");
        assertThat(browser.request().get("/basic/sync").then().statusCode(200).extract().asString())
                .contains("href=\"/basic/device-name\"");

        registerAsTheWorkerDoes(id);
        String form = browser.request().get("/basic/device-name").then().statusCode(200).extract().asString();
        assertValid(form);
        assertThat(form).contains("value=\"fxhome\"");
        Matcher m = CSRF.matcher(form);
        assertThat(m.find()).isTrue();
        String renamed = browser.request().formParam("csrf", m.group(1)).formParam("name", "Büro <i>x</i>")
                .post("/basic/device-name").then().statusCode(200).extract().asString();
        assertValid(renamed);
        assertThat(renamed).contains("Büro &lt;i&gt;x&lt;/i&gt;").doesNotContain("<i>x</i>");
        assertThat(names(email)).contains("Büro <i>x</i>");

        String refused = browser.request().cookie("fxhome_lang", "de").formParam("csrf", m.group(1))
                .formParam("name", "bell\u0007").post("/basic/device-name").then().statusCode(400).extract()
                .asString();
        assertValid(refused);
        assertThat(refused).contains("Ein Gerätename hat höchstens 255 Zeichen").contains("lang=\"de\"");
        assertThat(names(email)).contains("Büro <i>x</i>");
    }

    private static String account() {
        String email = "device-name-" + UUID.randomUUID() + "@example.test";
        SandboxTestResource.server().sandbox().createAccount(
                NewAccount.of(email, "pw").withProfile(ProfileSpec.small(SEEDS.getAndIncrement()).withSizes(3, 3, 1)));
        return email;
    }

    private String registerAsTheWorkerDoes(UUID id) throws Exception {
        return FxhomeDeviceRegistration.register(ds, cipher, accounts, devices, id);
    }

    private static List<String> names(String email) {
        return SandboxTestResource.server().sandbox().devices(email).stream().map(Device::name).toList();
    }

    private static Response rename(Browser browser, String name) {
        return browser.request().header("X-CSRF-Token", browser.csrf).contentType(ContentType.JSON)
                .body(Map.of("name", name)).put("/api/v1/send-tab/device");
    }

    private static void assertValid(String html) throws Exception {
        assertThat(html).startsWith(
                "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">");
        assertThat(Html401Validator.errors(html)).as("HTML 4.01 Strict validation of:\n" + html).isEmpty();
    }
}
