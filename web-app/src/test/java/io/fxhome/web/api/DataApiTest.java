package io.fxhome.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.generator.HostileContent;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The data endpoints on fixed rows of two accounts: content and order, ETag/304, hostile strings returned as data with
 * {@code linkable=false}, and no way for one account to reach the other's rows.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class DataApiTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

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
        alice.device("laptop", "Alice's laptop", "desktop", NOW.minusSeconds(3600).getEpochSecond())
                .device("phone", "Alice's phone", "mobile", NOW.minusSeconds(60).getEpochSecond())
                .tab("phone", 0, "Recipes for bread", "https://bread.example/sourdough", NOW.minusSeconds(70))
                .tab("phone", 1, HostileContent.SCRIPT_TITLE, HostileContent.JAVASCRIPT_URL, NOW.minusSeconds(80))
                .tab("laptop", 0, "Quarkus guide", "https://quarkus.io/guides/", NOW.minusSeconds(4000));
        alice.folder("menu", "places", 0, "menu", List.of("f1"))
                .folder("toolbar", "places", 1, "toolbar", List.of("b2", "b1"))
                .folder("unfiled", "places", 2, "unfiled", List.of())
                .folder("mobile", "places", 3, "mobile", List.of())
                .folder("f1", "menu", 0, "Travel plans", List.of("b3"))
                .bookmark("b1", "toolbar", 1, "Sourdough starter", "https://bread.example/starter")
                .bookmark("b2", "toolbar", 0, HostileContent.ATTRIBUTE_BREAKOUT, HostileContent.DATA_URL)
                .bookmark("b3", "f1", 0, "Lisbon trams", "https://lisbon.example/trams");
        for (int i = 0; i < 7; i++) {
            alice.place("place" + i, "https://site" + i + ".example/page", "Page " + i + " bread", 10 - i,
                    NOW.minus(i, ChronoUnit.DAYS));
        }
        alice.place("starterp", "https://bread.example/starter", "Sourdough starter", 30, NOW.minus(10, ChronoUnit.DAYS));

        bob = TestData.newAccount(ds);
        bob.device("bobdev", "Bob's desktop", "desktop", NOW.getEpochSecond()).tab("bobdev", 0, "Bob's secret tab",
                "https://bob.example/", NOW);
        bob.folder("toolbar", "places", 0, "toolbar", List.of("bobfolder")).folder("bobfolder", "toolbar", 0, "Bob private",
                List.of());
        bob.place("bobplace", "https://bob.example/private", "Bob private bread", 5, NOW);

        aliceBrowser = Browser.signedIn(sessions.create(alice.account, "test", Instant.now()));
        bobBrowser = Browser.signedIn(sessions.create(bob.account, "test", Instant.now()));
    }

    @Test
    void tabsGroupedByDeviceNewestFirstWithScriptUrlsNotLinkable() {
        aliceBrowser.request().get("/api/v1/tabs").then().statusCode(200)
                .body("devices.name", contains("Alice's phone", "Alice's laptop"))
                .body("devices[0].type", equalTo("mobile"))
                .body("devices[0].tabs.title", contains("Recipes for bread", HostileContent.SCRIPT_TITLE))
                .body("devices[0].tabs.linkable", contains(true, false))
                .body("devices[0].tabs[1].url", equalTo(HostileContent.JAVASCRIPT_URL))
                .body("devices[1].tabs.url", contains("https://quarkus.io/guides/"));
    }

    @Test
    void listsAnswer304WhenNothingChanged() throws Exception {
        for (String path : List.of("/api/v1/tabs", "/api/v1/devices", "/api/v1/history", "/api/v1/bookmarks",
                "/api/v1/bookmarks/toolbar")) {
            Response first = aliceBrowser.request().get(path);
            first.then().statusCode(200).header("Cache-Control", "private, no-cache");
            String etag = first.getHeader("ETag");
            assertThat(etag).as(path).matches("\"[A-Za-z0-9_-]{22}\"");
            Response again = aliceBrowser.request().header("If-None-Match", etag).get(path);
            again.then().statusCode(304).header("ETag", etag);
            assertThat(again.getBody().asByteArray()).isEmpty();
        }
        String etag = aliceBrowser.request().get("/api/v1/tabs").getHeader("ETag");
        // As the worker writes it: the device's new tabs record, with its new server timestamp.
        alice.tab("laptop", 1, "A new tab", "https://new.example/", NOW);
        TestData.exec(ds,
                "update device_tabs set server_modified = server_modified + 1 where account_id = ? and client_id = 'laptop'",
                alice.account);
        aliceBrowser.request().header("If-None-Match", etag).get("/api/v1/tabs").then().statusCode(200)
                .body("devices[1].tabs", hasSize(2));
    }

    @Test
    void devices() {
        aliceBrowser.request().get("/api/v1/devices").then().statusCode(200)
                .body("devices.clientId", contains("phone", "laptop")).body("devices.tabCount", contains(2, 1))
                .body("devices[0].os", equalTo("Linux"));
    }

    @Test
    void historyPagesWithACursorNewestFirst() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = aliceBrowser.request().queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/history");
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("items.guid"));
            cursor = page.jsonPath().getString("next");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactly("place0", "place1", "place2", "place3", "place4", "place5", "place6", "starterp");
        assertThat(pages).isEqualTo(3);
        aliceBrowser.request().queryParam("cursor", "not a cursor!").get("/api/v1/history").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void bookmarkRootsAndAFolderWithItsBreadcrumbAndOrderedChildren() {
        aliceBrowser.request().get("/api/v1/bookmarks").then().statusCode(200)
                .body("roots.guid", contains("toolbar", "menu", "unfiled", "mobile"))
                .body("roots.title", contains("Bookmarks Toolbar", "Bookmarks Menu", "Other Bookmarks", "Mobile Bookmarks"))
                .body("roots.childCount", contains(2, 1, 0, 0));
        aliceBrowser.request().get("/api/v1/bookmarks/toolbar").then().statusCode(200)
                .body("item.title", equalTo("Bookmarks Toolbar"))
                .body("children.guid", contains("b2", "b1"))
                .body("children[0].title", equalTo(HostileContent.ATTRIBUTE_BREAKOUT))
                .body("children.linkable", contains(false, true));
        aliceBrowser.request().get("/api/v1/bookmarks/f1").then().statusCode(200)
                .body("breadcrumb.title", contains("Bookmarks Menu", "Travel plans"))
                .body("parentGuid", equalTo("menu")).body("children.title", contains("Lisbon trams"));
        aliceBrowser.request().get("/api/v1/bookmarks/b3").then().statusCode(200).body("item.kind", equalTo("bookmark"))
                .body("children", empty()).body("item.childCount", nullValue());
    }

    @Test
    void searchMatchesEveryWordAndPrefersTabsThenBookmarksThenHistory() {
        // Ranked by frecency (docs/search.md): these rows carry none, so the tab's last use leads and the pages follow by
        // last visit; the bookmarked origin bread.example is autofilled first.
        aliceBrowser.request().queryParam("q", "bread").get("/api/v1/search").then().statusCode(200)
                .body("results.url",
                        contains("https://bread.example/", "https://bread.example/sourdough", "https://site0.example/page",
                                "https://site1.example/page", "https://site2.example/page", "https://site3.example/page",
                                "https://site4.example/page",
                                "https://site5.example/page", "https://site6.example/page", "https://bread.example/starter"))
                .body("results[0].heuristic", equalTo("autofill")).body("results[1].source", equalTo("tab"))
                .body("results[9].source", equalTo("bookmark")).body("results[9].visitCount", equalTo(30));
        aliceBrowser.request().queryParam("q", "SOURDOUGH Starter").get("/api/v1/search").then().statusCode(200)
                .body("results.url", contains("https://bread.example/starter")).body("results[0].source", equalTo("bookmark"));
        aliceBrowser.request().queryParam("q", "100%_").get("/api/v1/search").then().statusCode(200).body("results", empty());
        aliceBrowser.request().queryParam("q", "  ").get("/api/v1/search").then().statusCode(200).body("results", empty());
    }

    @Test
    void noRequestReachesAnotherAccountsRows() {
        // Bob's folder guid and words are unknown to Alice's session: ids in URLs are looked up in her rows only.
        aliceBrowser.request().get("/api/v1/bookmarks/bobfolder").then().statusCode(404)
                .contentType("application/problem+json");
        aliceBrowser.request().queryParam("q", "bob").get("/api/v1/search").then().statusCode(200).body("results", empty());
        bobBrowser.request().get("/api/v1/tabs").then().statusCode(200).body("devices.name", contains("Bob's desktop"));
        bobBrowser.request().get("/api/v1/bookmarks/f1").then().statusCode(404);
        bobBrowser.request().get("/api/v1/history").then().statusCode(200).body("items.guid", contains("bobplace"));
        // A cursor made from Alice's history only positions Bob's own list.
        String aliceCursor = aliceBrowser.request().queryParam("limit", 1).get("/api/v1/history").jsonPath().getString("next");
        bobBrowser.request().queryParam("cursor", aliceCursor).get("/api/v1/history").then().statusCode(200)
                .body("items.guid", contains("bobplace"));
        // A forged cookie naming Bob's account with Alice's secret is no session at all.
        Browser forged = new Browser();
        forged.session = bob.account + aliceBrowser.session.substring(aliceBrowser.session.indexOf('.'));
        forged.request().get("/api/v1/tabs").then().statusCode(401).body("code", equalTo("not-signed-in"));
        Browser garbage = new Browser();
        garbage.session = "not-a-session";
        garbage.request().get("/api/v1/history").then().statusCode(401);
    }

    @Test
    void anExpiredSessionIsNoSessionAndUseMarksTheAccountSeen() throws Exception {
        TestData carol = TestData.newAccount(ds);
        Browser fresh = Browser.signedIn(sessions.create(carol.account, "test", Instant.now()));
        TestData.exec(ds, "update web_session set expires_at = now() - interval '1 second' where account_id = ?",
                carol.account);
        fresh.request().get("/api/v1/tabs").then().statusCode(401).body("code", equalTo("not-signed-in"));

        Browser used = Browser.signedIn(sessions.create(carol.account, "test", Instant.now().minusSeconds(3 * 86_400)));
        TestData.exec(ds, "update account set last_seen_at = now() - interval '2 hours' where id = ?", carol.account);
        used.request().get("/api/v1/devices").then().statusCode(200);
        assertThat(
                TestData.one(ds, "select last_seen_at > now() - interval '1 minute' from account where id = ?", carol.account))
                .isEqualTo("t");
        // The idle expiry slid forward with the use.
        assertThat(TestData.one(ds, "select max(expires_at) > now() + interval '13 days' from web_session where account_id = ?",
                carol.account))
                .isEqualTo("t");
    }

    @Test
    void everyDataEndpointNeedsASession() {
        for (String path : List.of("/api/v1/tabs", "/api/v1/devices", "/api/v1/history", "/api/v1/bookmarks",
                "/api/v1/bookmarks/toolbar",
                "/api/v1/search?q=x", "/api/v1/sync", "/api/v1/me")) {
            new Browser().request().get(path).then().statusCode(401).contentType("application/problem+json").body("status",
                    equalTo(401));
        }
    }

    @Test
    void openApiDescribesTheApi() {
        new Browser().request().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()",
                        Matchers.hasItems("/api/v1/session", "/api/v1/session/verify", "/api/v1/me",
                                "/api/v1/sync", "/api/v1/devices", "/api/v1/tabs", "/api/v1/history", "/api/v1/bookmarks",
                                "/api/v1/bookmarks/{guid}", "/api/v1/search"));
    }
}
