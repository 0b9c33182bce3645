package io.fxhome.web.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.session.SessionCookie;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.Chromium;
import io.fxhome.web.testsupport.Html401Validator;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The German UI in real headless Chromium (whose own language is English): the switch on an HTML4 page turns it
 * German ({@code lang="de"}, German words, German dates), the choice is remembered on the next pages and by the HTML5
 * app, whose views, dates and numbers are German too, and the app's switch brings English back to the same view.
 * Screenshots under target/screenshots/german-*.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class GermanBrowserTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String GERMAN_DAY = "(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag), \\d{1,2}\\. "
            + "(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \\d{4}";

    @TestHTTPResource("/")
    URL base;
    @Inject
    AgroalDataSource ds;
    @Inject
    SessionStore store;

    @Test
    void theGermanUiIsChosenRememberedAndSwitchedBack() throws Exception {
        TestData data = TestData.newAccount(ds);
        Instant threeDaysAgo = Instant.now().minus(3, ChronoUnit.DAYS);
        data.device("laptop", "Laptop", "desktop", Instant.now().getEpochSecond())
                .tab("laptop", 0, "Ein offener Tab <b>", "https://tab.example/", Instant.now())
                .folder("toolbar", "places", 0, "toolbar", List.of("b1"))
                .bookmark("b1", "toolbar", 0, "Lesezeichen eins", "https://bookmark.example/")
                .place("page1", "https://history.example/", "Eine besuchte Seite", 1234, threeDaysAgo);
        SessionCookie session = store.create(data.account, "test", Instant.now());
        try (Chromium chromium = Chromium.start(true)) {
            WebDriver d = chromium.driver;
            WebDriverWait wait = new WebDriverWait(d, WAIT);
            d.get(base + "ping");
            d.manage().addCookie(new Cookie("fxhome_session", session.value(), "/"));

            // HTML4: English by default (Chromium asks for en-US), German after the switch, on this page and the next.
            d.get(base + "basic/tabs");
            assertThat(lang(d)).isEqualTo("en");
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Tabs from your devices");
            d.findElement(By.cssSelector("#languages a[hreflang=de]")).click();
            wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "de"));
            assertThat(d.getCurrentUrl()).endsWith("/basic/tabs");
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Tabs von Ihren Geräten");
            assertThat(d.findElement(By.cssSelector(".top")).getText()).contains("Chronik", "Lesezeichen", "Posteingang");
            assertThat(d.findElement(By.tagName("body")).getText()).contains("Ein offener Tab <b>", "Tab-Zeitleiste");
            chromium.screenshots("german-basic");
            d.get(base + "basic/history");
            assertThat(lang(d)).isEqualTo("de");
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Chronik");
            assertThat(d.findElement(By.cssSelector("h2")).getText()).matches(GERMAN_DAY);
            assertThat(d.findElement(By.cssSelector("li .muted")).getText()).matches("\\d{2}:\\d{2} UTC");
            String germanHistory = given().cookie("fxhome_session", session.value()).cookie("fxhome_lang", "de")
                    .get("/basic/history").then().statusCode(200).extract().asString();
            assertThat(germanHistory).contains("<html lang=\"de\">");
            assertThat(Html401Validator.errors(germanHistory)).as(germanHistory).isEmpty();

            // The HTML5 app remembers the same choice: its shell, its views, dates and numbers are German.
            d.get(base.toString() + "#/history");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
            assertThat(lang(d)).isEqualTo("de");
            assertThat(d.findElement(By.cssSelector("#nav a[data-section=history]")).getText()).isEqualTo("Chronik");
            wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Chronik"));
            WebElement day = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#history h2")));
            assertThat(day.getText()).matches(GERMAN_DAY);
            assertThat(d.findElement(By.cssSelector("#history li .muted")).getText()).contains("1.234 Besuche");
            d.get(base.toString() + "#/devices");
            wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Geräte und Sync"));
            assertThat(d.findElement(By.id("sync-now")).getText()).isEqualTo("Jetzt synchronisieren");
            assertThat(d.findElement(By.tagName("main")).getText()).contains("Ihre Geräte", "Zuletzt synchronisiert",
                    "Trennen und alles löschen");
            d.get(base.toString() + "#/bookmarks");
            wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Lesezeichen"));
            assertThat(d.findElement(By.tagName("main")).getText()).contains("Lesezeichen-Symbolleiste", "Fundsachen");
            chromium.screenshots("german-app");

            // The app's switch: English again, back on the same view.
            d.get(base.toString() + "#/history");
            wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Chronik"));
            d.findElement(By.cssSelector("#languages a[data-lang=en]")).click();
            wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
            wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "History"));
            assertThat(d.getCurrentUrl()).endsWith("/#/history");
            d.get(base + "basic/tabs");
            assertThat(lang(d)).isEqualTo("en");
        }
    }

    private static String lang(WebDriver d) {
        return d.findElement(By.tagName("html")).getAttribute("lang");
    }
}
