package io.fxhome.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.Chromium;
import io.fxhome.web.testsupport.Engine;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.fxhome.web.testsupport.WebBrowser;
import io.fxhome.web.testsupport.WebKit;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every way in, in real browsers: sign-in on Mozilla's page (the sandbox's stand-in) with the pasted address in the HTML5
 * app and in the HTML4 pages with JavaScript off, the unblock code after a blocked password sign-in, and the refusals
 * password sign-in cannot get past (a browser check, an account without a password) leading to Mozilla's page. The
 * HTML5 app's ways run in both engines (headless Chromium, and WebKitGTK for Safari and the iOS wrapper); the HTML4
 * pages with JavaScript off in Chromium.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class SignInBrowserTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final AtomicLong SEEDS = new AtomicLong(32_000);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;
    @Inject
    AgroalDataSource ds;

    private static Sandbox sandbox() {
        return SandboxTestResource.server().sandbox();
    }

    private static String newAccount(NewAccount spec) {
        sandbox().createAccount(spec.withProfile(ProfileSpec.small(SEEDS.getAndIncrement()).withSizes(5, 5, 1)));
        return spec.email();
    }

    private static String email() {
        return "chromium-" + UUID.randomUUID() + "@example.test";
    }

    /** On the sandbox's stand-in for Mozilla's page: signs in and returns the address of the page it lands on. */
    private static String signInOnMozillasPage(WebDriver d, String email, String password) {
        WebDriverWait wait = new WebDriverWait(d, WAIT);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("password")));
        d.findElement(By.name("email")).clear();
        d.findElement(By.name("email")).sendKeys(email);
        d.findElement(By.name("password")).sendKeys(password);
        d.findElement(By.cssSelector("form button[type=submit], form input[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/oauth/success/"));
        return d.getCurrentUrl();
    }

    /** Opens the app and submits the password form. */
    private void signInWithPassword(WebDriver d, WebDriverWait wait, String email) {
        d.get(base.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
        d.findElement(By.id("email")).sendKeys(email);
        d.findElement(By.id("password")).sendKeys("correct horse");
        d.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
    }

    /**
     * From the steps' page: goes to Mozilla's page in this tab, signs in, comes back to the app and pastes the address;
     * the first sync's screen shows.
     */
    private void completeOnMozillasPageInThisTab(WebDriver d, WebDriverWait wait, String email) {
        d.get(d.findElement(By.id("authorization-link")).getDomAttribute("href"));
        String landedOn = signInOnMozillasPage(d, email, "correct horse");
        d.get(base + "#/signin/browser");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pasted-url"))).sendKeys(landedOn);
        d.findElement(By.cssSelector("#browser-form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("#/first-sync"));
    }

    /**
     * From the steps' page: opens Mozilla's page from its link in a new window, signs in there, closes it and returns
     * the address it landed on.
     */
    private static String signInOnMozillasPageInANewWindow(WebDriver d, WebDriverWait wait, String email) {
        String app = d.getWindowHandle();
        d.findElement(By.id("authorization-link")).click();
        wait.until(dr -> dr.getWindowHandles().size() == 2);
        List<String> windows = new ArrayList<>(d.getWindowHandles());
        windows.remove(app);
        d.switchTo().window(windows.get(0));
        String landedOn = signInOnMozillasPage(d, email, "correct horse");
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Device connected");
        d.close();
        d.switchTo().window(app);
        return landedOn;
    }

    /**
     * Signs in with the password, then has the worker find the refresh token refused (HTTP 401 or 400 errno 108-110 on
     * refresh); the devices' page asks to sign in again, and its button opens Mozilla's steps. Returns the account.
     */
    private String signedInThenRefusedByMozilla(WebBrowser browser, WebDriverWait wait, String email) throws Exception {
        WebDriver d = browser.driver();
        signInWithPassword(d, wait, email);
        wait.until(ExpectedConditions.urlContains("#/first-sync"));
        String account = TestData.one(ds, "select id from account where email = ?", email);
        TestData.exec(ds,
                "update account set status = 'needs_reauth', status_reason = 'refresh token revoked' where id = ?::uuid",
                account);
        d.get(base + "#/devices");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("needs-reauth")));
        browser.screenshots("25-needs-reauth");
        d.findElement(By.id("reauth-browser")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("browser-form")));
        return account;
    }

    /** Opens the app and starts the sign-in on Mozilla's page: its steps and the paste field show. */
    private void startOnMozillasPage(WebDriver d, WebDriverWait wait) {
        d.get(base.toString());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("browser-signin"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("browser-form")));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void html5SignInOnMozillasPageWithThePastedAddress(Engine engine) throws Exception {
        String email = newAccount(NewAccount.of(email(), "correct horse").withVerification(VerificationMode.NONE));
        try (WebBrowser browser = engine.start()) {
            WebDriver d = browser.driver();
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            startOnMozillasPage(d, wait);
            browser.screenshots("21-signin-on-mozilla");
            String landedOn = signInOnMozillasPageInANewWindow(d, wait, email);

            d.findElement(By.id("pasted-url")).sendKeys(landedOn);
            d.findElement(By.cssSelector("#browser-form button[type=submit]")).click();
            wait.until(ExpectedConditions.urlContains("#/first-sync"));
            assertThat(TestData.one(ds, "select fxa_uid from account where email = ?", email))
                    .isEqualTo(sandbox().account(email).orElseThrow().uid());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void html5SignInOnMozillasPageSurvivesGoingThereInTheSameTab(Engine engine) throws Exception {
        String email = newAccount(NewAccount.of(email(), "correct horse").withVerification(VerificationMode.NONE));
        try (WebBrowser browser = engine.start()) {
            WebDriver d = browser.driver();
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            startOnMozillasPage(d, wait);
            completeOnMozillasPageInThisTab(d, wait, email);
        }
    }

    /**
     * What an iOS wrapper does instead of asking for a paste (docs/ios-wrapper.md): it lets Mozilla's page open in its
     * own web view and, when that page lands on its success address, loads fxhome's callback with the same query. In
     * WebKit, as the wrapper's WKWebView is.
     */
    @Test
    void html5SignInOnMozillasPageCompletedByAWrapperThroughTheCallback() throws Exception {
        String email = newAccount(NewAccount.of(email(), "correct horse").withVerification(VerificationMode.NONE));
        try (WebKit webkit = WebKit.start(WebKit.Options.DEFAULT)) {
            WebDriver d = webkit.driver;
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            startOnMozillasPage(d, wait);
            d.get(d.findElement(By.id("authorization-link")).getDomAttribute("href"));
            String landedOn = signInOnMozillasPage(d, email, "correct horse");
            d.get(base + "signin/oauth/callback?" + URI.create(landedOn).getRawQuery());
            wait.until(ExpectedConditions.urlContains("#/first-sync"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sync-progress")));
            assertThat(TestData.one(ds, "select fxa_uid from account where email = ?", email))
                    .isEqualTo(sandbox().account(email).orElseThrow().uid());
        }
    }

    @Test
    void html4SignInOnMozillasPageWithJavaScriptOff() throws Exception {
        String email = newAccount(NewAccount.of(email(), "correct horse").withVerification(VerificationMode.NONE));
        try (Chromium chromium = Chromium.start(false)) {
            WebDriver d = chromium.driver;
            d.get(base + "basic/");
            BrowserTest.follow(d, By.linkText("Sign in on Mozilla's page"));
            chromium.screenshots("22-basic-signin-on-mozilla");
            String page = d.getCurrentUrl();
            BrowserTest.follow(d, By.linkText("Mozilla's sign-in page"));
            String landedOn = signInOnMozillasPage(d, email, "correct horse");
            d.get(page);
            d.findElement(By.id("url")).sendKeys(landedOn);
            BrowserTest.follow(d, By.cssSelector("input[type=submit][value='Continue']"));
            assertThat(d.getCurrentUrl()).contains("/basic/sync");
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Devices and sync");
            assertThat(TestData.one(ds, "select fxa_uid from account where email = ?", email))
                    .isEqualTo(sandbox().account(email).orElseThrow().uid());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void html5BlockedSignInEndsInTheUnblockCode(Engine engine) throws Exception {
        String email = newAccount(NewAccount.of(email(), "correct horse").withVerification(VerificationMode.NONE));
        sandbox().requireUnblockCode(email, true);
        try (WebBrowser browser = engine.start()) {
            WebDriver d = browser.driver();
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            signInWithPassword(d, wait, email);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("unblock-form")));
            assertThat(d.findElement(By.id("main")).getText()).contains("emailed an unblock code to " + email);
            browser.screenshots("23-unblock");

            d.findElement(By.id("unblock-code")).sendKeys("ZZZZZZZZ");
            d.findElement(By.cssSelector("#unblock-form button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "That unblock code is not right"));
            d.findElement(By.id("resend-unblock")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "another code"));
            d.findElement(By.id("unblock-code")).clear();
            d.findElement(By.id("unblock-code")).sendKeys(sandbox().latestUnblockCode(email));
            d.findElement(By.cssSelector("#unblock-form button[type=submit]")).click();
            wait.until(ExpectedConditions.urlContains("#/first-sync"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void html5RefusalsPasswordSignInCannotPassOfferMozillasPage(Engine engine) throws Exception {
        String challenged = newAccount(NewAccount.of(email(), "correct horse").withVerification(VerificationMode.NONE));
        sandbox().challengeSignIn(challenged, 1);
        String passwordless = newAccount(NewAccount.of(email(), "unused").withoutPassword());
        try (WebBrowser browser = engine.start()) {
            WebDriver d = browser.driver();
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            for (String[] c : new String[][] { { challenged, "Mozilla asked for a browser check" },
                    { passwordless, "Google, Apple or a passkey" } }) {
                d.get(base + "#/signin");
                d.navigate().refresh();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
                d.findElement(By.id("email")).sendKeys(c[0]);
                d.findElement(By.id("password")).sendKeys("correct horse");
                d.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"),
                        c[1].equals("Mozilla asked for a browser check")
                                ? "browser check"
                                : c[1]));
                browser.screenshots("24-refused-" + (c[0].equals(challenged) ? "406" : "210"));
                d.findElement(By.id("offer-browser-signin")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("browser-form")));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void html5AnAccountMozillaNoLongerAcceptsIsAskedToSignInAgain(Engine engine) throws Exception {
        String email = newAccount(NewAccount.of(email(), "correct horse").withVerification(VerificationMode.NONE));
        try (WebBrowser browser = engine.start()) {
            WebDriver d = browser.driver();
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            String account = signedInThenRefusedByMozilla(browser, wait, email);
            completeOnMozillasPageInThisTab(d, wait, email);
            assertThat(TestData.one(ds, "select status || ' ' || id from account where email = ?", email))
                    .isEqualTo("active " + account);
        }
    }

    /**
     * Signing in again ends the browser's previous session, so a request the app sent before can be answered "not signed
     * in" after the new sign-in: that answer must not sign the new session out. The session here ends in another tab
     * while the app is on Mozilla's steps; the answers to the requests the app sends then are held until the new sign-in
     * has landed (only their timing is changed, by a wrapper around the page's fetch).
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void html5AnAnswerToARequestSentBeforeSigningInAgainDoesNotSignOut(Engine engine) throws Exception {
        String email = newAccount(NewAccount.of(email(), "correct horse").withVerification(VerificationMode.NONE));
        try (WebBrowser browser = engine.start()) {
            WebDriver d = browser.driver();
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            String account = signedInThenRefusedByMozilla(browser, wait, email);

            // Signed out elsewhere with the same session (another tab), as the app's requests below will find.
            Browser elsewhere = new Browser();
            elsewhere.session = d.manage().getCookieNamed(Browser.COOKIE).getValue();
            elsewhere.csrf = elsewhere.request().get("/api/v1/session").jsonPath().getString("csrfToken");
            elsewhere.request().header("X-CSRF-Token", elsewhere.csrf).delete("/api/v1/session").then().statusCode(204);
            JavascriptExecutor js = (JavascriptExecutor) d;
            js.executeScript(HOLD_ANSWERS_UNTIL_SIGNED_IN);
            js.executeScript("location.hash = '#/devices'");
            wait.until(dr -> ((Number) js.executeScript("return window.fxhomeTestHeld")).intValue() > 0);
            js.executeScript("location.hash = '#/signin/browser'");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("browser-form")));

            String landedOn = signInOnMozillasPageInANewWindow(d, wait, email);
            d.findElement(By.id("pasted-url")).sendKeys(landedOn);
            d.findElement(By.cssSelector("#browser-form button[type=submit]")).click();

            wait.until(dr -> js.executeScript("return window.fxhomeTestDelivered").equals(Boolean.TRUE));
            assertThat(js.executeScript("return window.fxhomeTestHeldStatuses")).asList().contains(401L);
            await("the app staying on the first sync's screen").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> d.getCurrentUrl().contains("#/first-sync"));
            assertThat(TestData.one(ds, "select count(*) from web_session where account_id = ?::uuid", account))
                    .isEqualTo("1");
        }
    }

    /**
     * Holds the answers to the app's API reads sent from now on until the app has signed in again (its move to the first
     * sync's screen), then hands them over; records their statuses.
     */
    private static final String HOLD_ANSWERS_UNTIL_SIGNED_IN = """
            const realFetch = window.fetch.bind(window);
            let release;
            const signedIn = new Promise((resolve) => { release = resolve; });
            window.fxhomeTestHeld = 0;
            window.fxhomeTestHeldStatuses = [];
            window.fxhomeTestDelivered = false;
            window.addEventListener('hashchange', () => {
              if (location.hash !== '#/first-sync') return;
              window.fxhomeTestReleased = true;
              release();
            });
            window.fetch = (input, init) => {
              const answer = realFetch(input, init);
              const read = !init || !init.method || init.method === 'GET';
              if (!read || !String(input).startsWith('/api/v1/') || window.fxhomeTestReleased) return answer;
              window.fxhomeTestHeld++;
              return answer.then((response) => signedIn.then(() => {
                window.fxhomeTestHeldStatuses.push(response.status);
                setTimeout(() => { window.fxhomeTestDelivered = true; });
                return response;
              }));
            };
            """;
}
