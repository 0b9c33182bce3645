package io.fxhome.web.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.Html401Validator;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The inbox as the worker leaves it (rows written directly): the JSON API pages it newest first, marks read and
 * deletes only the account's own entries and only with the CSRF token; the HTML4 page is valid HTML 4.01 and its forms
 * work; a javascript: or data: URL is never a link in either.
 */
@QuarkusTest
class InboxApiTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @Inject
    AgroalDataSource ds;
    @Inject
    SessionStore sessions;

    private long add(TestData data, int index, String url, String title) throws Exception {
        TestData.exec(ds, """
                insert into inbox (account_id, device_id, command_index, url, title, sender_id, sender_name)
                values (?, 'fxhome-dev', ?, ?, ?, 'sender', 'Laptop <b>Firefox</b>')""", data.account, (long) index, url,
                title);
        return Long.parseLong(TestData.one(ds, "select max(id) from inbox where account_id = ?", data.account));
    }

    @Test
    void pagesNewestFirstMarksReadAndDeletesOnlyTheAccountsOwnEntries() throws Exception {
        TestData data = TestData.newAccount(ds);
        long first = add(data, 1, "https://one.example/", "One");
        long second = add(data, 2, "javascript:alert(1)", "<script>alert(1)</script>");
        long third = add(data, 3, "data:text/html,<b>x</b>", "");
        TestData other = TestData.newAccount(ds);
        long foreign = add(other, 1, "https://theirs.example/", "Theirs");
        Browser browser = Browser.signedIn(sessions.create(data.account, "test", Instant.now()));

        Response page1 = browser.request().get("/api/v1/inbox?limit=2");
        page1.then().statusCode(200).body("items.id", equalTo(List.of((int) third, (int) second)))
                .body("items[0].title", nullValue()).body("items[0].linkable", equalTo(false))
                .body("items[1].title", equalTo("<script>alert(1)</script>")).body("items[1].linkable", equalTo(false))
                .body("items[1].senderName", equalTo("Laptop <b>Firefox</b>")).body("items[1].readAt", nullValue());
        String next = page1.path("next");
        browser.request().get("/api/v1/inbox?limit=2&cursor=" + next).then().statusCode(200)
                .body("items.id", equalTo(List.of((int) first))).body("items[0].linkable", equalTo(true))
                .body("next", nullValue());
        browser.request().get("/api/v1/inbox?cursor=abc").then().statusCode(400);

        browser.request().post("/api/v1/inbox/" + first + "/read").then().statusCode(403).body("code", equalTo("csrf"));
        browser.request().header("X-CSRF-Token", browser.csrf).post("/api/v1/inbox/" + first + "/read").then()
                .statusCode(204);
        browser.request().header("X-CSRF-Token", browser.csrf).post("/api/v1/inbox/" + foreign + "/read").then()
                .statusCode(404);
        browser.request().header("X-CSRF-Token", browser.csrf).delete("/api/v1/inbox/" + foreign).then().statusCode(404);
        browser.request().header("X-CSRF-Token", browser.csrf).delete("/api/v1/inbox/" + second).then().statusCode(204);
        browser.request().header("X-CSRF-Token", browser.csrf).delete("/api/v1/inbox/" + second).then().statusCode(404);

        browser.request().get("/api/v1/inbox").then().statusCode(200)
                .body("items.id", equalTo(List.of((int) third, (int) first))).body("items[1].readAt",
                        org.hamcrest.Matchers.notNullValue());
        assertThat(TestData.one(ds, "select count(*) from inbox where account_id = ?", other.account)).isEqualTo("1");
        assertThat(TestData.one(ds, "select read_at is null from inbox where id = ?", foreign)).isEqualTo("t");
        new Browser().request().get("/api/v1/inbox").then().statusCode(401);
    }

    @Test
    void theHtml4PageIsValidInertAndItsFormsWork() throws Exception {
        TestData data = TestData.newAccount(ds);
        long good = add(data, 1, "https://one.example/?a=1&b=2", "One & only");
        add(data, 2, "javascript:alert(1)", "<script>alert(1)</script>");
        add(data, 3, "data:text/html,<b>x</b>", "");
        Browser browser = Browser.signedIn(sessions.create(data.account, "test", Instant.now()));

        String html = browser.request().get("/basic/inbox").then().statusCode(200).extract().asString();
        assertValid(html);
        assertThat(html).contains("<a href=\"https://one.example/?a=1&amp;b=2\">One &amp; only</a>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>")
                .doesNotContain("href=\"javascript:").doesNotContain("href=\"data:")
                .contains("Laptop &lt;b&gt;Firefox&lt;/b&gt;").contains("<a href=\"/basic/inbox\">Inbox</a>")
                .contains("<a href=\"/api/v1/export/inbox.csv\">CSV</a>")
                .contains("<a href=\"/api/v1/export/inbox.json\">JSON</a>");
        String csrf = csrf(html);

        browser.request().formParam("csrf", "wrong").formParam("id", good).post("/basic/inbox/read").then().statusCode(403);
        browser.request().formParam("csrf", csrf).formParam("id", good).post("/basic/inbox/read").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/basic/inbox?notice=read"));
        assertThat(TestData.one(ds, "select read_at is not null from inbox where id = ?", good)).isEqualTo("t");
        browser.request().formParam("csrf", csrf).formParam("id", good).post("/basic/inbox/delete").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/basic/inbox?notice=deleted"));
        browser.request().formParam("csrf", csrf).formParam("id", "x").post("/basic/inbox/delete").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/basic/inbox?notice=gone"));
        String after = browser.request().get("/basic/inbox?notice=deleted").then().statusCode(200).extract().asString();
        assertValid(after);
        assertThat(after).contains("Deleted.").doesNotContain("one.example");
    }

    @Test
    void refreshAsksForOneReceiveJobPerIntervalWithTheCsrfToken() throws Exception {
        TestData data = TestData.newAccount(ds);
        Browser browser = Browser.signedIn(sessions.create(data.account, "test", Instant.now()));
        // Not a device of the account yet (its first sync registers it): nothing to poll, and no stamp taken.
        browser.request().header("X-CSRF-Token", browser.csrf).post("/api/v1/inbox/refresh").then().statusCode(200)
                .body("result", equalTo("nothing-to-poll")).body("intervalSeconds", equalTo(30));

        TestData.exec(ds, """
                insert into send_tab_device (account_id, device_id, device_name, sealed_keys, published_key_hash)
                values (?, 'fxhome-dev', 'fxhome', '\\x00'::bytea, '\\x00'::bytea)""", data.account);
        browser.request().post("/api/v1/inbox/refresh").then().statusCode(403).body("code", equalTo("csrf"));
        assertThat(TestData.one(ds, "select refresh_requested_at is null from send_tab_device where account_id = ?",
                data.account)).isEqualTo("t");
        browser.request().header("X-CSRF-Token", browser.csrf).post("/api/v1/inbox/refresh").then().statusCode(202)
                .body("result", equalTo("enqueued"));
        // Within fxhome.web.inbox.refresh-interval (30 s): refused with the time to wait, whichever tab asks.
        Response again = browser.request().header("X-CSRF-Token", browser.csrf).post("/api/v1/inbox/refresh");
        again.then().statusCode(429).body("code", equalTo("inbox-refresh-rate-limited"));
        assertThat(Integer.parseInt(again.header("Retry-After"))).isBetween(1, 31);

        // The interval over: the next one is accepted. An account that needs a new sign-in is not polled.
        TestData.exec(ds, "update send_tab_device set refresh_requested_at = now() - interval '31 seconds' "
                + "where account_id = ?", data.account);
        browser.request().header("X-CSRF-Token", browser.csrf).post("/api/v1/inbox/refresh").then().statusCode(202);
        TestData.exec(ds, "update send_tab_device set refresh_requested_at = null where account_id = ?", data.account);
        TestData.exec(ds, "update account set status = 'needs_reauth' where id = ?", data.account);
        browser.request().header("X-CSRF-Token", browser.csrf).post("/api/v1/inbox/refresh").then().statusCode(200)
                .body("result", equalTo("nothing-to-poll"));
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
