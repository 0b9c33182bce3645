package io.fxhome.web.basic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.HostileContent;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.Html401Validator;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.MozillaSignInPage;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The HTML4 pages: sign in through the forms (with the emailed-code step), then every page is valid HTML 4.01 Strict,
 * has no script, shows hostile records as escaped text and never links a javascript: or data: URL.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class BasicPagesTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String OLD_IE = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)";
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    @Inject
    AgroalDataSource ds;

    @Test
    void signInThroughTheFormsThenEveryPageIsValidInertHtml4() throws Exception {
        String email = "basic-" + UUID.randomUUID() + "@example.test";
        SandboxTestResource.server().sandbox()
                .createAccount(NewAccount.of(email, "pw").withVerification(VerificationMode.EMAIL_OTP));
        Browser browser = new Browser();

        browser.request().get("/basic/").then().statusCode(303).header("Location", endsWith("/basic/signin"));
        Response form = browser.request().get("/basic/signin");
        form.then().statusCode(200).contentType(containsString("text/html"));
        assertValid(form.asString());
        String csrfCookie = form.getCookie("fxhome_csrf");
        String token = csrf(form.asString());
        assertThat(token).isEqualTo(csrfCookie);

        // Without the token, or with another one, the form is refused.
        browser.request().cookie("fxhome_csrf", csrfCookie).formParam("csrf", "forged").formParam("email", email)
                .formParam("password", "pw")
                .post("/basic/signin").then().statusCode(403);

        Response wrong = browser.request().cookie("fxhome_csrf", csrfCookie).formParam("csrf", token).formParam("email", email)
                .formParam("password", "nope").post("/basic/signin");
        wrong.then().statusCode(200).body(containsString("The password is incorrect."));
        assertValid(wrong.asString());

        Response code = browser
                .remember(browser.request().cookie("fxhome_csrf", csrfCookie).formParam("csrf", token).formParam("email", email)
                        .formParam("password", "pw").post("/basic/signin"));
        code.then().statusCode(200).body(containsString("emailed"));
        assertValid(code.asString());
        Response signedIn = browser.remember(browser.request().cookie("fxhome_csrf", csrfCookie)
                .formParam("csrf", csrf(code.asString()))
                .formParam("code", SandboxTestResource.server().sandbox().latestEmailCode(email)).post("/basic/signin/code"));
        signedIn.then().statusCode(303).header("Location", endsWith("/basic/sync?first=1"));
        assertThat(browser.session).isNotNull();

        UUID account = UUID.fromString(browser.session.substring(0, 36));
        new TestData.Existing(ds, account).data()
                .device("dev1", "Laptop <b>bold</b>", "desktop", Instant.now().getEpochSecond())
                .tab("dev1", 0, HostileContent.SCRIPT_TITLE, "https://ok.example/", Instant.now())
                .tab("dev1", 1, HostileContent.NON_BMP_TITLE, HostileContent.DATA_URL, Instant.now())
                .folder("toolbar", "places", 0, "toolbar", List.of("f"))
                .folder("f", "toolbar", 0, HostileContent.ATTRIBUTE_BREAKOUT, List.of("b"))
                .bookmark("b", "f", 0, "Evil", HostileContent.JAVASCRIPT_URL)
                .place("h1", HostileContent.JAVASCRIPT_URL, HostileContent.QUOTES_AND_NEWLINES, 3, Instant.now())
                .place("h2", "https://fine.example/", HostileContent.RTL_TITLE + " evil", 1,
                        Instant.now().minusSeconds(90_000));

        for (String path : List.of("/basic/", "/basic/tabs", "/basic/history", "/basic/bookmarks", "/basic/bookmarks/toolbar",
                "/basic/bookmarks/f",
                "/basic/search?q=evil", "/basic/sync?first=1")) {
            Response page = browser.request().get(path);
            page.then().statusCode(200).contentType(containsString("text/html"));
            String html = page.asString();
            assertValid(html);
            assertThat(html).as(path).doesNotContainIgnoringCase("<script")
                    .doesNotContain("javascript:alert(document.cookie)\"")
                    .doesNotContainPattern("<[a-zA-Z][^>]*\\son[a-zA-Z]+\\s*=").doesNotContain("href=\"javascript:")
                    .doesNotContain("href=\"data:");
        }
        String tabs = browser.request().get("/basic/tabs").asString();
        assertThat(tabs).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("Laptop &lt;b&gt;bold&lt;/b&gt;")
                .contains("<a href=\"https://ok.example/\">").contains("<tt>" + HostileContent.DATA_URL + "</tt>");
        String folder = browser.request().get("/basic/bookmarks/f").asString();
        assertThat(folder).contains("&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;")
                .contains("<tt>javascript:alert(document.cookie)</tt>");
        String search = browser.request().get("/basic/search?q=evil").asString();
        assertThat(search).contains("<a href=\"https://fine.example/\">");
        // Paging links are plain links.
        assertThat(browser.request().get("/basic/history").asString()).doesNotContain("Older");
        // An error of these pages is a page too.
        Response missing = browser.request().get("/basic/bookmarks/nosuchfolder");
        missing.then().statusCode(404).contentType(containsString("text/html"));
        assertValid(missing.asString());
        assertThat(missing.asString()).contains("This bookmark folder was not found.");
    }

    @Test
    void signedOutVisitorsOfTheDataAndAccountPagesAreSentToTheSignIn() {
        Browser signedOut = new Browser();
        for (String path : List.of("/basic/tabs", "/basic/history", "/basic/bookmarks", "/basic/search?q=x",
                "/basic/sync")) {
            signedOut.request().get(path).then().statusCode(303).header("Location", endsWith("/basic/"));
        }
    }

    @Test
    void oldBrowsersAreOfferedTheBasicPagesAndEveryoneCanSwitch() {
        Browser old = new Browser();
        old.request().header("User-Agent", OLD_IE).get("/").then().statusCode(303).header("Location",
                endsWith("/basic/?offered=1"));
        old.request().header("User-Agent", OLD_IE).get("/basic/?offered=1").then().statusCode(303)
                .header("Location", endsWith("/basic/signin?offered=true"));
        Response offered = old.request().header("User-Agent", OLD_IE).get("/basic/signin?offered=true");
        offered.then().statusCode(200).body(containsString("may not run the full fxhome app"))
                .body(containsString("<a href=\"/full\">"));
        // Choosing the full version sticks, even for an old browser.
        Response full = old.request().header("User-Agent", OLD_IE).get("/full");
        full.then().statusCode(303).header("Location", endsWith("/"));
        old.request().header("User-Agent", OLD_IE).cookie("fxhome_ui", full.getCookie("fxhome_ui")).get("/").then()
                .statusCode(200)
                .body(containsString("/app/app.js"));

        for (String weak : List.of("Lynx/2.9.0dev.12 libwww-FM/2.14 SSL-MM/1.4.1",
                "Links (2.29; Linux 6.1.0 x86_64; GNU C 12.2; text)",
                "Opera/9.80 (J2ME/MIDP; Opera Mini/9.80 (S60; SymbOS; Opera Mobi/23.348; U; en) Presto/2.5.25 Version/10.54",
                "Mozilla/5.0 (Linux; U; Android 4.0.3; en-us; GT-I9100 Build/IML74K) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30")) {
            new Browser().request().header("User-Agent", weak).get("/").then().statusCode(303).header("Location",
                    endsWith("/basic/?offered=1"));
        }
        for (String modern : List.of(IPHONE,
                "Mozilla/5.0 (Linux; Android 14; Nokia G42 5G) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
                "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")) {
            new Browser().request().header("User-Agent", modern).get("/").then().statusCode(200);
        }
        Browser phone = new Browser();
        phone.request().header("User-Agent", IPHONE).get("/").then().statusCode(200);
        Response basic = phone.request().header("User-Agent", IPHONE).get("/basic/use");
        basic.then().statusCode(303).header("Location", endsWith("/basic/"));
        phone.request().header("User-Agent", IPHONE).cookie("fxhome_ui", basic.getCookie("fxhome_ui")).get("/").then()
                .statusCode(303)
                .header("Location", endsWith("/basic/"));
    }

    @Test
    void signInOnMozillasPageWithThePastedAddressInValidHtml4() throws Exception {
        String email = "basic-browser-" + UUID.randomUUID() + "@example.test";
        SandboxTestResource.server().sandbox()
                .createAccount(NewAccount.of(email, "pw").withVerification(VerificationMode.NONE));
        Browser browser = new Browser();
        Response signIn = browser.request().get("/basic/signin");
        assertThat(signIn.asString()).contains("<a href=\"/basic/signin/browser\">Sign in on Mozilla&#39;s page</a>");
        String csrfCookie = signIn.getCookie("fxhome_csrf");

        Response page = browser.remember(browser.request().cookie("fxhome_csrf", csrfCookie).get("/basic/signin/browser"));
        page.then().statusCode(200);
        assertValid(page.asString());
        assertThat(browser.browserSignIn).isNotNull();
        Matcher link = Pattern.compile("<a href=\"([^\"]+/authorization\\?[^\"]+)\">").matcher(page.asString());
        assertThat(link.find()).isTrue();
        String authorizationUrl = link.group(1).replace("&amp;", "&");
        // Back on the page (a reload, or back from Mozilla's): the same sign-in, not a new one.
        assertThat(browser.request().get("/basic/signin/browser").asString()).contains(link.group(1));

        String landedOn = MozillaSignInPage.signIn(authorizationUrl, email, "pw");
        Response wrong = browser.request().cookie("fxhome_csrf", csrfCookie).formParam("csrf", csrf(page.asString()))
                .formParam("url", "https://accounts.firefox.com/").post("/basic/signin/browser");
        wrong.then().statusCode(200).body(containsString("That is not the address of the page Mozilla showed"));
        assertValid(wrong.asString());
        Response done = browser
                .remember(browser.request().cookie("fxhome_csrf", csrfCookie).formParam("csrf", csrf(page.asString()))
                        .formParam("url", landedOn).post("/basic/signin/browser"));
        done.then().statusCode(303).header("Location", endsWith("/basic/sync?first=1"));
        assertThat(browser.session).isNotNull();
        browser.request().get("/basic/").then().statusCode(200).body(containsString("Signed in as " + email));
    }

    @Test
    void aBlockedSignInAsksForTheUnblockCodeInValidHtml4() throws Exception {
        String email = "basic-unblock-" + UUID.randomUUID() + "@example.test";
        SandboxTestResource.server().sandbox()
                .createAccount(NewAccount.of(email, "pw").withVerification(VerificationMode.NONE));
        SandboxTestResource.server().sandbox().requireUnblockCode(email, true);
        Browser browser = new Browser();
        Response form = browser.request().get("/basic/signin");
        String csrfCookie = form.getCookie("fxhome_csrf");
        String token = csrf(form.asString());
        Response unblock = browser.remember(browser.request().cookie("fxhome_csrf", csrfCookie).formParam("csrf", token)
                .formParam("email", email).formParam("password", "pw").post("/basic/signin"));
        unblock.then().statusCode(200).body(containsString("emailed an unblock code"));
        assertValid(unblock.asString());

        Response resent = browser.request().cookie("fxhome_csrf", csrfCookie).formParam("csrf", token).formParam("email", email)
                .post("/basic/signin/unblock/resend");
        resent.then().statusCode(200).body(containsString("another unblock code"));
        assertValid(resent.asString());
        Response wrongCode = browser.request().cookie("fxhome_csrf", csrfCookie).formParam("csrf", token)
                .formParam("email", email)
                .formParam("password", "pw").formParam("unblockCode", "ZZZZZZZZ").post("/basic/signin/unblock");
        wrongCode.then().statusCode(200).body(containsString("That unblock code is not right"));
        assertValid(wrongCode.asString());
        Response signedIn = browser.remember(browser.request().cookie("fxhome_csrf", csrfCookie).formParam("csrf", token)
                .formParam("email", email).formParam("password", "pw")
                .formParam("unblockCode", SandboxTestResource.server().sandbox().latestUnblockCode(email))
                .post("/basic/signin/unblock"));
        signedIn.then().statusCode(303).header("Location", endsWith("/basic/sync?first=1"));
        assertThat(browser.session).isNotNull();
    }

    @Test
    void theHtml5ShellHasNoInlineScriptAndAStrictPolicy() {
        Response shell = new Browser().request().header("User-Agent", IPHONE).get("/");
        shell.then().statusCode(200).header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline"))).header("X-Frame-Options", "DENY")
                .body(containsString("apple-mobile-web-app-capable")).body(containsString("rel=\"manifest\""))
                .body(containsString("apple-touch-icon")).body(containsString("viewport-fit=cover"));
        String html = shell.asString();
        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(html);
        while (scripts.find()) {
            assertThat(scripts.group(1)).contains("src=");
        }
        assertThat(html).doesNotContainPattern("<[a-zA-Z][^>]*\\son[a-zA-Z]+\\s*=");
        new Browser().request().get("/manifest.webmanifest").then().statusCode(200)
                .body(containsString("\"display\": \"standalone\""));
        new Browser().request().get("/sw.js").then().statusCode(200).body(containsString("fxhome-shell"));
        new Browser().request().get("/apple-touch-icon.png").then().statusCode(200).contentType("image/png");
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a csrf field in " + html).isTrue();
        return m.group(1);
    }

    private static void assertValid(String html) throws Exception {
        assertThat(html)
                .startsWith("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">");
        assertThat(Html401Validator.errors(html)).as("HTML 4.01 Strict validation of:\n" + html).isEmpty();
    }
}
