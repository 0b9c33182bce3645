package io.fxhome.web.tokens;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.hygiene.testing.DatabaseDump;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Personal API tokens end to end on two accounts: a token reads every GET of /api/v1 of its own account and nothing
 * else; it cannot write (any method but GET is refused, even next to a valid session and CSRF token), manage tokens or
 * open an HTML page; it cannot reach the other account; revoked it is refused; only its hash is stored; its last use is
 * written at most once a minute; unlinking the account takes its tokens along.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class ApiTokensTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    @Inject
    AgroalDataSource ds;
    @Inject
    SessionStore sessions;

    TestData alice;
    TestData bob;
    Browser aliceBrowser;
    Browser bobBrowser;

    @BeforeEach
    void data() throws Exception {
        alice = TestData.newAccount(ds);
        alice.device("laptop", "Alice's laptop", "desktop", Instant.now().getEpochSecond()).tab("laptop", 0, "Alice's tab",
                "https://alice.example/", Instant.now());
        alice.folder("toolbar", "places", 0, "toolbar", List.of("a1")).bookmark("a1", "toolbar", 0, "Alice's bookmark",
                "https://alice.example/b");
        alice.place("ap", "https://alice.example/h", "Alice's page", 1, Instant.now());
        bob = TestData.newAccount(ds);
        bob.device("desk", "Bob's desktop", "desktop", Instant.now().getEpochSecond()).tab("desk", 0, "Bob's secret tab",
                "https://bob.example/", Instant.now());
        bob.folder("toolbar", "places", 0, "toolbar", List.of("b1")).bookmark("b1", "toolbar", 0, "Bob's bookmark",
                "https://bob.example/b");
        aliceBrowser = Browser.signedIn(sessions.create(alice.account, "test", Instant.now()));
        bobBrowser = Browser.signedIn(sessions.create(bob.account, "test", Instant.now()));
    }

    private static Response create(Browser b, String name) {
        return b.request().contentType(ContentType.JSON).header("X-CSRF-Token", b.csrf).body(Map.of("name", name))
                .post("/api/v1/tokens");
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token).redirects().follow(false);
    }

    @Test
    void aTokenReadsItsAccountButCannotWriteManageOrOpenPages() {
        Response created = create(aliceBrowser, "My script");
        created.then().statusCode(201).header("Cache-Control", "no-store");
        String token = created.jsonPath().getString("token");
        assertThat(token).startsWith("fxhome_" + alice.account + ".");

        bearer(token).get("/api/v1/tabs").then().statusCode(200).body("devices.name", contains("Alice's laptop"))
                .body("devices[0].tabs.title", contains("Alice's tab"));
        bearer(token).get("/api/v1/bookmarks/toolbar").then().statusCode(200);
        bearer(token).get("/api/v1/history").then().statusCode(200).body("items.title", contains("Alice's page"));
        bearer(token).get("/api/v1/devices").then().statusCode(200);
        bearer(token).get("/api/v1/search?q=alice").then().statusCode(200);
        bearer(token).get("/api/v1/me").then().statusCode(200).body("account.id", equalTo(alice.account.toString()))
                .body("csrfToken", nullValue());
        bearer(token).get("/api/v1/sync").then().statusCode(200);
        // A path this build does not know yet is a 404, not a 401 or 403: every GET under /api/v1 is open to tokens.
        bearer(token).get("/api/v1/not-yet-built").then().statusCode(404);

        // Writing is refused whatever else the request carries: a live session and its CSRF token included.
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            for (String path : List.of("/api/v1/sync", "/api/v1/me", "/api/v1/session", "/api/v1/search/picks")) {
                Response r = aliceBrowser.request().header("Authorization", "Bearer " + token)
                        .header("X-CSRF-Token", aliceBrowser.csrf).contentType(ContentType.JSON).body("{}")
                        .request(method, path);
                assertThat(r.statusCode()).as(method + " " + path).isEqualTo(403);
                assertThat(r.jsonPath().getString("code")).as(method + " " + path).isEqualTo("token-not-accepted");
            }
        }
        // Token and feed management need the browser's session, and so do the Send Tab reads (each asks Mozilla with
        // the account's refresh token).
        for (String path : List.of("/api/v1/tokens", "/api/v1/feeds", "/api/v1//tokens", "/api/v1/x/../tokens",
                "/api/v1/send-tab/devices", "/api/v1/send-tab/device")) {
            bearer(token).urlEncodingEnabled(false).get(path).then().statusCode(403);
        }
        bearer(token).contentType(ContentType.JSON).body(Map.of("name", "more")).post("/api/v1/tokens").then()
                .statusCode(403);
        // Pages and the feeds' URLs are no place for a token either.
        for (String path : List.of("/basic/tabs", "/basic/sync", "/basic/tokens", "/", "/feeds/x/bookmarks.atom")) {
            bearer(token).get(path).then().statusCode(403);
        }
        assertThat(bearer(token).urlEncodingEnabled(false).get("/api/v1/../basic/tabs").asString())
                .doesNotContain("Alice's tab");
        // Nothing was changed meanwhile: the account is there, with its token.
        aliceBrowser.request().get("/api/v1/tokens").then().statusCode(200).body("tokens.name", contains("My script"));
    }

    @Test
    void aTokenCannotReachAnotherAccount() {
        String aliceToken = create(aliceBrowser, "alice").jsonPath().getString("token");
        String bobToken = create(bobBrowser, "bob").jsonPath().getString("token");
        bearer(aliceToken).get("/api/v1/tabs").then().statusCode(200).body(not(org.hamcrest.Matchers.containsString("Bob")));
        bearer(aliceToken).get("/api/v1/bookmarks/b1").then().statusCode(404);
        bearer(bobToken).get("/api/v1/tabs").then().statusCode(200).body("devices.name", contains("Bob's desktop"));
        // Bob's account id with Alice's secret (and the reverse) opens nothing.
        String aliceSecret = aliceToken.substring(aliceToken.indexOf('.') + 1);
        bearer("fxhome_" + bob.account + "." + aliceSecret).get("/api/v1/tabs").then().statusCode(401);
        // A token sent by a browser holding another account's session still reads its own account only.
        bobBrowser.request().header("Authorization", "Bearer " + aliceToken).get("/api/v1/tabs").then().statusCode(200)
                .body("devices.name", contains("Alice's laptop"));
        // Bob cannot see or revoke Alice's token.
        UUID aliceTokenId = aliceBrowser.request().get("/api/v1/tokens").jsonPath().getUUID("tokens[0].id");
        bobBrowser.request().get("/api/v1/tokens").then().statusCode(200).body("tokens.name", contains("bob"));
        bobBrowser.request().header("X-CSRF-Token", bobBrowser.csrf).delete("/api/v1/tokens/" + aliceTokenId).then()
                .statusCode(404);
        bearer(aliceToken).get("/api/v1/tabs").then().statusCode(200);
    }

    @Test
    void aRevokedOrMalformedTokenIsRefused() {
        Response created = create(aliceBrowser, "Short-lived");
        String token = created.jsonPath().getString("token");
        String id = created.jsonPath().getString("id");
        bearer(token).get("/api/v1/tabs").then().statusCode(200);
        aliceBrowser.request().delete("/api/v1/tokens/" + id).then().statusCode(403); // no CSRF token
        aliceBrowser.request().header("X-CSRF-Token", aliceBrowser.csrf).delete("/api/v1/tokens/" + id).then()
                .statusCode(204);
        bearer(token).get("/api/v1/tabs").then().statusCode(401).body("code", equalTo("not-signed-in"));
        aliceBrowser.request().get("/api/v1/tokens").then().statusCode(200).body("tokens", org.hamcrest.Matchers.empty());
        aliceBrowser.request().header("X-CSRF-Token", aliceBrowser.csrf).delete("/api/v1/tokens/" + id).then()
                .statusCode(404);
        for (String bad : List.of("", "fxhome_", "fxhome_" + alice.account + ".x", alice.account + ".abc",
                token.replace("fxhome_", ""), "a".repeat(5000))) {
            bearer(bad).get("/api/v1/tabs").then().statusCode(401);
        }
        // Signed-out API requests with a bad token clear no site data (there is no cookie to clear).
        assertThat(bearer("nope").get("/api/v1/tabs").getHeader("Clear-Site-Data")).isNull();
    }

    @Test
    void managingTokensNeedsTheSessionTheCsrfTokenAndAName() {
        new Browser().request().get("/api/v1/tokens").then().statusCode(401);
        aliceBrowser.request().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/api/v1/tokens").then()
                .statusCode(403);
        for (String name : List.of("", "   ", "a".repeat(101), "bell\u0007", "nul\0")) {
            create(aliceBrowser, name).then().statusCode(400);
        }
        create(aliceBrowser, "  Feed reader at home  ").then().statusCode(201);
        aliceBrowser.request().get("/api/v1/tokens").then().statusCode(200)
                .body("tokens.name", contains("Feed reader at home")).body("tokens[0].lastUsedAt", nullValue())
                .body("tokens[0]", not(org.hamcrest.Matchers.hasKey("token")));
    }

    @Test
    void tokensArePagedByCursorNewestFirst() {
        for (int i = 1; i <= 5; i++) {
            create(aliceBrowser, "t" + i).then().statusCode(201);
        }
        // Without a cursor or limit: one page holding them all (as before paging), and no next page.
        aliceBrowser.request().get("/api/v1/tokens").then().statusCode(200)
                .body("tokens.name", contains("t5", "t4", "t3", "t2", "t1")).body("next", nullValue());
        List<String> names = new java.util.ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            Response page = aliceBrowser.request().queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/tokens");
            page.then().statusCode(200).header("Cache-Control", "no-store");
            names.addAll(page.jsonPath().getList("tokens.name", String.class));
            cursor = page.jsonPath().getString("next");
            pages++;
        } while (cursor != null);
        assertThat(names).containsExactly("t5", "t4", "t3", "t2", "t1");
        assertThat(pages).isEqualTo(3);
        // A cursor names a position, not a token: the page after t4 is the same once t4 is revoked.
        Response first = aliceBrowser.request().queryParam("limit", 2).get("/api/v1/tokens");
        String afterT4 = first.jsonPath().getString("next");
        aliceBrowser.request().header("X-CSRF-Token", aliceBrowser.csrf)
                .delete("/api/v1/tokens/" + first.jsonPath().getString("tokens[1].id")).then().statusCode(204);
        aliceBrowser.request().queryParam("limit", 2).queryParam("cursor", afterT4).get("/api/v1/tokens").then()
                .statusCode(200).body("tokens.name", contains("t3", "t2"));
        // Bob's cursor is only a position: it shows Bob nothing of Alice's.
        bobBrowser.request().queryParam("cursor", afterT4).get("/api/v1/tokens").then().statusCode(200)
                .body("tokens", org.hamcrest.Matchers.empty());
        for (String bad : List.of("x", "!!", Base64.getUrlEncoder().encodeToString("12.not-a-uuid".getBytes()),
                Base64.getUrlEncoder().encodeToString(("-1." + UUID.randomUUID()).getBytes()))) {
            aliceBrowser.request().queryParam("cursor", bad).get("/api/v1/tokens").then().statusCode(400);
        }
        aliceBrowser.request().queryParam("limit", "many").get("/api/v1/tokens").then().statusCode(400);
        // The HTML4 page pages the same way, with an "Older tokens" link.
        String html = aliceBrowser.request().queryParam("cursor", afterT4).get("/basic/tokens").then().statusCode(200)
                .extract().asString();
        assertThat(html).contains("<li>t3 ", "<li>t2 ", "<li>t1 ").doesNotContain("<li>t5 ");
    }

    @Test
    void onlyTheHashIsStoredAndLastUseIsWrittenAtMostOnceAMinute() throws Exception {
        String token = create(aliceBrowser, "hashed").jsonPath().getString("token");
        byte[] secret = Base64.getUrlDecoder().decode(token.substring(token.indexOf('.') + 1));
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select secret_hash, name from api_token where account_id = ?")) {
            ps.setObject(1, alice.account);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBytes(1)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(secret));
                assertThat(rs.next()).isFalse();
            }
        }
        String secretText = token.substring(token.indexOf('.') + 1);
        assertThat(DatabaseDump.rows(ds)).noneMatch(row -> row.contains(secretText) || row.contains(token));

        assertThat(TestData.one(ds, "select last_used_at from api_token where account_id = ?", alice.account)).isNull();
        bearer(token).get("/api/v1/tabs").then().statusCode(200);
        String first = TestData.one(ds, "select last_used_at from api_token where account_id = ?", alice.account);
        assertThat(first).isNotNull();
        aliceBrowser.request().get("/api/v1/tokens").then().body("tokens[0].lastUsedAt", not(nullValue()));
        for (int i = 0; i < 20; i++) {
            bearer(token).get("/api/v1/devices").then().statusCode(200);
        }
        assertThat(TestData.one(ds, "select last_used_at from api_token where account_id = ?", alice.account))
                .isEqualTo(first);
    }

    @Test
    void unlinkingTheAccountTakesItsTokensAndFeedAlong() throws Exception {
        String token = create(aliceBrowser, "doomed").jsonPath().getString("token");
        aliceBrowser.request().header("X-CSRF-Token", aliceBrowser.csrf).post("/api/v1/feeds").then().statusCode(201);
        bearer(token).get("/api/v1/tabs").then().statusCode(200);
        aliceBrowser.request().header("X-CSRF-Token", aliceBrowser.csrf).delete("/api/v1/me").then().statusCode(200)
                .header("Clear-Site-Data", equalTo("\"cache\", \"storage\""));
        assertThat(TestData.one(ds, "select count(*) from api_token where account_id = ?", alice.account)).isEqualTo("0");
        assertThat(TestData.one(ds, "select count(*) from feed_secret where account_id = ?", alice.account)).isEqualTo("0");
        bearer(token).get("/api/v1/tabs").then().statusCode(401);
    }
}
