package io.fxhome.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.devices.Device;
import io.fxhome.sandbox.devices.FirefoxDevice;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.sync.devices.DeviceClient;
import io.fxhome.web.account.AccountRepository;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.Chromium;
import io.fxhome.web.testsupport.FxhomeDeviceRegistration;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * "Send to device" in real headless Chromium, with the keyboard: on a history item the button opens a labelled list of
 * the account's devices (the sandbox's simulated Firefox), Enter sends, the page says so, and the simulated Firefox
 * decrypts the same URL and title; a javascript: item has no button. Then the HTML4 page with script off, from the
 * history list's "send" link. Screenshots under target/screenshots/send-*.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class SendTabBrowserTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicLong SEEDS = new AtomicLong(19_500);

    @TestHTTPResource("/")
    URL base;
    @Inject
    AgroalDataSource ds;
    @Inject
    AccountSecretsCipher cipher;
    @Inject
    AccountRepository accounts;
    @Inject
    DeviceClient devices;

    @Test
    void sendsAHistoryItemToTheSimulatedFirefox() throws Exception {
        String email = "send-browser-" + UUID.randomUUID() + "@example.test";
        SandboxTestResource.server().sandbox().createAccount(
                NewAccount.of(email, "pw").withProfile(ProfileSpec.small(SEEDS.getAndIncrement()).withSizes(3, 3, 1)));
        Browser api = new Browser();
        UUID id = UUID.fromString(api.signIn(email, "pw").then().statusCode(200).extract().path("account.id"));
        // The rows a first sync would have written (no worker runs here): one web page, one javascript: bookmarklet.
        TestData data = new TestData.Existing(ds, id).data();
        data.place("sendpage0001", "https://send.example/?a=1&b=2", "Send me <b>please</b>", 3, Instant.now());
        data.place("sendpage0002", "javascript:window.pwned=1", "Bookmarklet", 2, Instant.now().minusSeconds(60));
        TestData.exec(ds, "update account set last_sync_at = now() where id = ?", id);

        try (Chromium chromium = Chromium.start(true)) {
            WebDriver d = open(chromium, api.session, "#/history");
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#history li"), 2));
            // Only the web address has the control; it is a labelled button.
            List<WebElement> buttons = d.findElements(By.cssSelector("#history .send-button"));
            assertThat(buttons).hasSize(1);
            WebElement button = buttons.get(0);
            assertThat(button.getDomAttribute("aria-label")).isEqualTo("Send Send me <b>please</b> to a device");
            assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("false");

            button.sendKeys(Keys.ENTER);
            WebElement select = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                    "#history .send-panel select")));
            assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("true");
            assertThat(d.switchTo().activeElement()).isEqualTo(select);
            WebElement label = d.findElement(By.cssSelector("#history .send-panel label"));
            assertThat(label.getDomAttribute("for")).isEqualTo(select.getDomAttribute("id"));
            assertThat(select.findElements(By.tagName("option")).stream().map(WebElement::getText).toList())
                    .containsExactly(FirefoxDevice.NAME + " (desktop)");
            chromium.screenshots("send-app-open");

            d.findElement(By.cssSelector("#history .send-submit")).sendKeys(Keys.ENTER);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#history .send-message"),
                    "Sent to " + FirefoxDevice.NAME + "."));
            assertThat(d.findElement(By.cssSelector("#history .send-message")).getDomAttribute("role"))
                    .isEqualTo("status");
            chromium.screenshots("send-app-sent");
            List<FirefoxDevice.ReceivedTab> received = SandboxTestResource.server().sandbox().firefoxReceived(email);
            assertThat(received).extracting(FirefoxDevice.ReceivedTab::url).containsExactly(
                    "https://send.example/?a=1&b=2");
            assertThat(received.get(0).title()).isEqualTo("Send me <b>please</b>");

            // Escape closes the panel and gives the focus back to the button.
            d.findElement(By.cssSelector("#history .send-panel select")).sendKeys(Keys.ESCAPE);
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#history .send-panel"), 0));
            assertThat(d.switchTo().activeElement()).isEqualTo(button);
        }

        try (Chromium chromium = Chromium.start(false)) {
            WebDriver d = open(chromium, api.session, "basic/history");
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            List<WebElement> links = d.findElements(By.cssSelector("a.send"));
            assertThat(links).hasSize(1);
            links.get(0).click();
            wait.until(ExpectedConditions.urlContains("/basic/send?"));
            chromium.screenshots("send-basic-form");
            d.findElement(By.cssSelector("input[type=submit][value=Send]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "Sent to "
                    + FirefoxDevice.NAME + "."));
            assertThat(SandboxTestResource.server().sandbox().firefoxReceived(email)).hasSize(2);
            assertThat(SandboxTestResource.server().sandbox().firefoxReceived(email).get(1).title())
                    .isEqualTo("Send me <b>please</b>");
        }
    }

    @Test
    void renamesFxhomeInTheDevicesView() throws Exception {
        String email = "rename-browser-" + UUID.randomUUID() + "@example.test";
        SandboxTestResource.server().sandbox().createAccount(
                NewAccount.of(email, "pw").withProfile(ProfileSpec.small(SEEDS.getAndIncrement()).withSizes(3, 3, 1)));
        Browser api = new Browser();
        UUID id = UUID.fromString(api.signIn(email, "pw").then().statusCode(200).extract().path("account.id"));
        TestData.exec(ds, "update account set last_sync_at = now() where id = ?", id);
        // What the worker's first sync does (no worker runs here).
        FxhomeDeviceRegistration.register(ds, cipher, accounts, devices, id);

        try (Chromium chromium = Chromium.start(true)) {
            WebDriver d = open(chromium, api.session, "#/devices");
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("device-name")));
            assertThat(input.getDomProperty("value")).isEqualTo("fxhome");
            WebElement label = d.findElement(By.cssSelector("label[for=device-name]"));
            assertThat(label.getText()).isEqualTo("Name");
            input.clear();
            input.sendKeys("Laptop <fxhome>", Keys.ENTER);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("device-name-message"),
                    "Renamed: your Firefoxes now show “Laptop <fxhome>”."));
            assertThat(d.findElement(By.id("device-name-message")).getDomAttribute("role")).isEqualTo("status");
            chromium.screenshots("send-rename");
        }
        assertThat(SandboxTestResource.server().sandbox().devices(email)).extracting(Device::name)
                .contains("Laptop <fxhome>").doesNotContain("fxhome");
    }

    /** The browser signed in with {@code session}, at {@code path}. */
    private WebDriver open(Chromium chromium, String session, String path) {
        WebDriver d = chromium.driver;
        d.get(base + "ping");
        d.manage().addCookie(new Cookie(Browser.COOKIE, session, "/"));
        d.get(base + path);
        return d;
    }
}
