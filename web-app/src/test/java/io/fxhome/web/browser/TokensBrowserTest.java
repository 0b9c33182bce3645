package io.fxhome.web.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.session.SessionCookie;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.AtomDocument;
import io.fxhome.web.testsupport.Chromium;
import io.fxhome.web.testsupport.Html401Validator;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Personal API tokens and feeds in real headless Chromium, in the HTML5 app and on the HTML4 pages (script off): a
 * token is created and named, shown once, read from the page and used against the API, listed with its last use, then
 * revoked and refused; the feeds are turned on, their address read from the page and fetched as valid Atom, then
 * turned off. Screenshots at phone and tablet size under target/screenshots/tokens-*.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class TokensBrowserTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A name that would be markup if anything put it into the page as HTML. */
    private static final String NAME = "Backup <b>script</b> & \"co\"";

    @TestHTTPResource("/")
    URL base;
    @Inject
    AgroalDataSource ds;
    @Inject
    SessionStore store;

    private SessionCookie account() throws Exception {
        TestData data = TestData.newAccount(ds);
        data.device("laptop", "Laptop", "desktop", Instant.now().getEpochSecond())
                .tab("laptop", 0, "Open tab", "https://tab.example/", Instant.now())
                .folder("toolbar", "places", 0, "toolbar", List.of("b1"))
                .bookmark("b1", "toolbar", 0, "New bookmark", "https://bookmark.example/");
        return store.create(data.account, "test", Instant.now());
    }

    @Test
    void theAppCreatesUsesAndRevokesATokenAndTheFeeds() throws Exception {
        SessionCookie session = account();
        try (Chromium chromium = Chromium.start(true)) {
            WebDriver d = chromium.driver;
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            d.get(base + "ping");
            d.manage().addCookie(new Cookie("fxhome_session", session.value(), "/"));
            d.get(base.toString());
            // Reached from the app's navigation, by keyboard-usable links.
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#nav a[data-section=tokens]"))).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token-name"))).sendKeys(NAME);
            d.findElement(By.id("create-token")).click();
            String token = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-token"))).getDomProperty("value");
            assertThat(token).startsWith("fxhome_" + session.accountId() + ".");
            assertThat(d.findElement(By.cssSelector("#token-list .item-title")).getText()).isEqualTo(NAME);
            assertThat(d.findElements(By.cssSelector("#token-list b"))).isEmpty();

            given().header("Authorization", "Bearer " + token).get("/api/v1/tabs").then().statusCode(200);
            // The list shows the last use (after a reload, the token is no longer shown).
            d.navigate().refresh();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("token-list"), "last used"));
            assertThat(d.findElements(By.id("new-token"))).isEmpty();
            assertThat(d.getPageSource()).doesNotContain(token.substring(token.indexOf('.') + 1));

            // Feeds on: the address on the page serves valid Atom.
            d.findElement(By.id("renew-feeds")).click();
            String feed = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("feed-bookmarks")))
                    .getDomProperty("value");
            AtomDocument atom = AtomDocument.parse(given().get(URI.create(feed).getRawPath()).then().statusCode(200).extract()
                    .asString());
            assertThat(atom.entries).extracting(AtomDocument.Entry::title).containsExactly("New bookmark");
            String tabsFeed = d.findElement(By.id("feed-tabs-0")).getDomProperty("value");
            assertThat(d.findElement(By.cssSelector("label[for=feed-tabs-0]")).getText()).isEqualTo("Tabs open on Laptop");
            URI tabsUri = URI.create(tabsFeed);
            assertThat(
                    AtomDocument.parse(given().urlEncodingEnabled(false).get(tabsUri.getRawPath() + "?" + tabsUri.getRawQuery())
                            .then().statusCode(200).extract().asString()).entries)
                    .extracting(AtomDocument.Entry::title)
                    .containsExactly("Open tab");
            assertThat(d.findElement(By.tagName("main")).getText()).doesNotContain("[object");
            chromium.screenshots("tokens-app");

            // Revoke the token and turn the feeds off (confirmations accepted).
            ((JavascriptExecutor) d).executeScript("window.confirm = () => true");
            d.findElement(By.cssSelector("#token-list button[aria-label^='Revoke token']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-tokens")));
            given().header("Authorization", "Bearer " + token).get("/api/v1/tabs").then().statusCode(401);
            d.findElement(By.id("revoke-feeds")).click();
            wait.until(ExpectedConditions.textToBe(By.id("feeds-state"), "Off"));
            given().get(URI.create(feed).getRawPath()).then().statusCode(404);
        }
    }

    @Test
    void theHtml4PageCreatesAndRevokesATokenWithoutScript() throws Exception {
        SessionCookie session = account();
        try (Chromium chromium = Chromium.start(false)) {
            WebDriver d = chromium.driver;
            // Every form posts and loads a new page: each check waits for what the new page shows, never the old one.
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            d.get(base + "ping");
            d.manage().addCookie(new Cookie("fxhome_session", session.value(), "/"));
            d.get(base + "basic/sync");
            d.findElement(By.linkText("API tokens")).click();
            assertThat(Html401Validator.errors(html(session, "/basic/tokens"))).isEmpty();
            d.findElement(By.id("token-name")).sendKeys(NAME);
            d.findElement(By.cssSelector("input[value='Create token']")).click();
            String token = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-token"))).getDomProperty(
                    "value");
            assertThat(token).startsWith("fxhome_" + session.accountId() + ".");
            assertThat(d.findElement(By.id("token-list")).getText()).contains(NAME).contains("never used");
            given().header("Authorization", "Bearer " + token).get("/api/v1/devices").then().statusCode(200);
            chromium.screenshots("tokens-basic");

            d.findElement(By.cssSelector("#token-list input[type=submit]")).click();
            wait.until(ExpectedConditions.urlContains("/basic/tokens?notice=revoked"));
            assertThat(d.findElement(By.tagName("body")).getText()).contains("Token revoked.").contains("No tokens yet.");
            given().header("Authorization", "Bearer " + token).get("/api/v1/devices").then().statusCode(401);

            d.findElement(By.cssSelector("input[value='Turn on feeds']")).click();
            String feed = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("feed-tabs-0"))).getDomProperty(
                    "value");
            URI feedUri = URI.create(feed);
            AtomDocument atom = AtomDocument.parse(given().urlEncodingEnabled(false)
                    .get(feedUri.getRawPath() + "?" + feedUri.getRawQuery()).then().statusCode(200).extract().asString());
            assertThat(atom.entries).extracting(AtomDocument.Entry::title).containsExactly("Open tab");
            d.findElement(By.cssSelector("input[value='Turn off feeds']")).click();
            // The redirect first (reading the body while the page is replaced fails in Chromium's inspector), then
            // the settled page's notice.
            wait.until(ExpectedConditions.urlContains("/basic/tokens?notice=feeds-off"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Feeds turned off"));
            given().urlEncodingEnabled(false).get(feedUri.getRawPath() + "?" + feedUri.getRawQuery()).then().statusCode(404);
        }
    }

    private static String html(SessionCookie session, String path) {
        return given().cookie("fxhome_session", session.value()).get(path).then().statusCode(200).extract().asString();
    }
}
