package io.fxhome.web.i18n;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.session.SessionCookie;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.Html401Validator;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The language of the HTML4 pages and of the HTML5 app's shell: chosen from Accept-Language, overruled by the
 * remembered switch, English otherwise; {@code lang} set to it; synced text inside a translated sentence still
 * escaped; the switch never leaves the site.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class LanguagePagesTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/140.0.0.0 Safari/537.36";

    @Inject
    AgroalDataSource ds;
    @Inject
    SessionStore store;
    @Inject
    ObjectMapper json;

    @Test
    void theBrowsersLanguageChoosesGerman() throws Exception {
        String page = given().header("Accept-Language", "de-DE,de;q=0.9,en;q=0.8").get("/basic/").then().statusCode(200)
                .extract().asString();
        assertThat(page)
                .contains("<html lang=\"de\">", "<title>Anmelden - fxhome</title>", "Oder hier mit Ihrem Passwort anmelden",
                        "value=\"Anmelden\"", "<label for=\"password\">Passwort</label>")
                .doesNotContain("Sign in");
        assertThat(Html401Validator.errors(page)).as(page).isEmpty();
    }

    @Test
    void otherLanguagesGetEnglish() {
        for (String accept : new String[] { "fr-FR,fr;q=0.9", "", "*" }) {
            String page = given().header("Accept-Language", accept).get("/basic/").then().statusCode(200).extract().asString();
            assertThat(page).as(accept).contains("<html lang=\"en\">", "<title>Sign in - fxhome</title>");
        }
    }

    @Test
    void theSwitchIsRememberedOverTheBrowsersLanguage() {
        Response chosen = given().redirects().follow(false).get("/lang/de?back=/basic/signin/browser");
        chosen.then().statusCode(303);
        assertThat(chosen.header("Location")).endsWith("/basic/signin/browser");
        assertThat(chosen.getDetailedCookie(Languages.COOKIE).getValue()).isEqualTo("de");
        assertThat(chosen.getDetailedCookie(Languages.COOKIE).getMaxAge()).isGreaterThan(30L * 24 * 3600);
        assertThat(chosen.getDetailedCookie(Languages.COOKIE).isHttpOnly()).isTrue();
        String page = given().header("Accept-Language", "en-US").cookie(Languages.COOKIE, "de").get("/basic/").then()
                .statusCode(200).extract().asString();
        assertThat(page).contains("<html lang=\"de\">", "href=\"/lang/en?back=%2Fbasic%2Fsignin\"");
        String back = given().header("Accept-Language", "de").cookie(Languages.COOKIE, "en").get("/basic/").then()
                .statusCode(200).extract().asString();
        assertThat(back).contains("<html lang=\"en\">");
    }

    @Test
    void theSwitchStaysOnThisSite() {
        for (String hostile : new String[] { "//evil.example/", "https://evil.example/", "/\\evil.example" }) {
            String location = given().redirects().follow(false).queryParam("back", hostile).get("/lang/en").then()
                    .statusCode(303).extract().header("Location");
            assertThat(location).as(hostile).doesNotContain("evil").endsWith("/");
        }
        given().redirects().follow(false).get("/lang/fr").then().statusCode(404);
    }

    @Test
    void theAppsShellIsInTheChosenLanguageWithItsMessages() throws Exception {
        Response shell = given().header("User-Agent", CHROME).header("Accept-Language", "de").get("/");
        shell.then().statusCode(200).header("Content-Language", "de");
        assertThat(shell.header("Vary")).contains("Accept-Language", "Cookie");
        String html = shell.asString();
        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"de\">").contains(">Chronik</a>", ">Zum Inhalt springen</a>",
                "placeholder=\"Tabs, Lesezeichen, Chronik durchsuchen\"");
        String data = Jsoup.parse(html).selectFirst("meta[name=fxhome-messages]").attr("content");
        @SuppressWarnings("unchecked")
        Map<String, String> messages = json.readValue(data, Map.class);
        assertThat(messages).isEqualTo(Catalog.messages(java.util.Locale.GERMAN)).containsEntry("nav_history", "Chronik");
        String english = given().header("User-Agent", CHROME).get("/").then().statusCode(200).extract().asString();
        assertThat(english).contains("<html lang=\"en\">", ">History</a>");
    }

    /** A synced value inside a translated sentence is escaped once, like anywhere else on the pages. */
    @Test
    void syncedTextInATranslatedSentenceStaysText() throws Exception {
        TestData data = TestData.newAccount(ds);
        String hostile = "<b onmouseover=\"x()\">evil</b>@example.com";
        TestData.exec(ds, "update account set email = ? where id = ?", hostile, data.account);
        data.device("laptop", "<i>Laptop</i> & co", "desktop", Instant.now().getEpochSecond());
        SessionCookie session = store.create(data.account, "test", Instant.now());
        String home = given().header("Accept-Language", "de").cookie("fxhome_session", session.value()).get("/basic/").then()
                .statusCode(200).extract().asString();
        assertThat(home).contains("Angemeldet als &lt;b onmouseover=&quot;x()&quot;&gt;evil&lt;/b&gt;@example.com.")
                .doesNotContain("<b onmouseover");
        String sync = given().header("Accept-Language", "de").cookie("fxhome_session", session.value()).get("/basic/sync")
                .then().statusCode(200).extract().asString();
        assertThat(sync).contains("&lt;i&gt;Laptop&lt;/i&gt; &amp; co", "Ihre Geräte", "Zuletzt synchronisiert: vor")
                .doesNotContain("<i>Laptop");
        assertThat(Html401Validator.errors(sync)).as(sync).isEmpty();
    }
}
