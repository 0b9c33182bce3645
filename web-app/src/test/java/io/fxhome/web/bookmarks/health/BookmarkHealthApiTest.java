package io.fxhome.web.bookmarks.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.generator.HostileContent;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.Html401Validator;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The bookmark health report on a tree with every kind of damage Firefox's repair knows: each list, the reason and
 * placement of each "Lost and found" item, paging by cursor, the HTML4 pages, and nothing of another account.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class BookmarkHealthApiTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    @Inject
    AgroalDataSource ds;
    @Inject
    SessionStore sessions;

    TestData alice;
    Browser browser;

    @BeforeEach
    void data() throws Exception {
        alice = TestData.newAccount(ds);
        alice.folder("menu", "places", 0, "menu", List.of("fold1", "ghost1"))
                .folder("toolbar", "places", 1, "toolbar", List.of("bm1", "twice"))
                .folder("unfiled", "places", 2, "unfiled", List.of())
                .folder("fold1", "menu", 0, "Recipes", List.of("twice", "bm2"))
                .folder("empty1", "menu", 1, "Empty folder", List.of("empty1x"))
                .bookmark("bm1", "toolbar", 0, "Bread", "https://bread.example/")
                .bookmark("bm2", "fold1", 1, "Bread again", "https://bread.example/")
                // Listed by the toolbar and by Recipes: two parents.
                .bookmark("twice", "toolbar", 1, "Twice listed", "https://twice.example/")
                // Its folder is gone, no folder lists it: Firefox would move it to Other Bookmarks.
                .bookmark("orphan1", "gone0000000", 0, HostileContent.SCRIPT_TITLE, HostileContent.JAVASCRIPT_URL)
                // Its parent exists but does not list it: Firefox keeps it there, at the end.
                .bookmark("unlisted", "fold1", 5, "Not listed", "https://unlisted.example/")
                // Two folders containing each other: no root reaches them.
                .folder("loopA", "loopB", 0, "Loop A", List.of("loopB"))
                .folder("loopB", "loopA", 0, "Loop B", List.of("loopA"));
        TestData.exec(ds, "update bookmark set keyword = 'kw', tags = '{t1,t2}' where account_id = ? and guid = 'orphan1'",
                alice.account);
        browser = Browser.signedIn(sessions.create(alice.account, "test", Instant.now()));
    }

    @Test
    void theReportListsEveryKindOfDamage() {
        browser.request().get("/api/v1/bookmark-health").then().statusCode(200).body("bookmarks", equalTo(12))
                .body("lists.list", contains("lost-and-found", "orphans", "multiple-parents", "missing-children",
                        "duplicate-urls", "empty-folders"))
                .body("lists.count", contains(5, 3, 1, 2, 1, 1));

        JsonPath lost = browser.request().get("/api/v1/bookmark-health/lost-and-found").then().statusCode(200).extract()
                .jsonPath();
        assertThat(lost.getList("items.guid")).containsExactly("empty1", "loopA", "loopB", "orphan1", "unlisted");
        assertThat(lost.getList("items.reason")).containsExactly("not-listed", "cycle", "cycle", "parent-missing",
                "not-listed");
        assertThat(lost.getList("items.placedIn.guid")).containsExactly("menu", "unfiled", "unfiled", "unfiled", "fold1");
        assertThat(lost.getString("items[3].title")).isEqualTo(HostileContent.SCRIPT_TITLE);
        assertThat(lost.getBoolean("items[3].linkable")).isFalse();
        assertThat(lost.getString("items[3].keyword")).isEqualTo("kw");
        assertThat(lost.getList("items[3].tags")).containsExactly("t1", "t2");

        browser.request().get("/api/v1/bookmark-health/orphans").then().body("items.guid",
                contains("loopA", "loopB", "orphan1"));
        browser.request().get("/api/v1/bookmark-health/multiple-parents").then()
                .body("items.guid", contains("twice")).body("items[0].folders.guid", contains("fold1", "toolbar"));
        browser.request().get("/api/v1/bookmark-health/missing-children").then()
                .body("items.guid", contains("empty1", "menu")).body("items[1].missingGuids", contains("ghost1"));
        browser.request().get("/api/v1/bookmark-health/duplicate-urls").then()
                .body("items.url", contains("https://bread.example/")).body("items[0].bookmarks.guid", contains("bm1", "bm2"));
        browser.request().get("/api/v1/bookmark-health/empty-folders").then().body("items.guid", contains("empty1"));
    }

    @Test
    void everyListPagesByCursor() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var req = browser.request().queryParam("limit", 2);
            if (cursor != null) {
                req = req.queryParam("cursor", cursor);
            }
            JsonPath page = req.get("/api/v1/bookmark-health/lost-and-found").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.guid"));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactly("empty1", "loopA", "loopB", "orphan1", "unlisted");
        assertThat(pages).isEqualTo(3);
        browser.request().queryParam("cursor", "%%%").get("/api/v1/bookmark-health/orphans").then().statusCode(400);
        browser.request().get("/api/v1/bookmark-health/no-such-list").then().statusCode(404);
    }

    @Test
    void theHtml4PagesShowTheSameAndEscapeIt() throws Exception {
        String summary = browser.request().get("/basic/bookmark-health").then().statusCode(200).extract().asString();
        assertThat(summary).contains("Lost and found</a>: 5", "Duplicate URLs</a>: 1");
        String lost = browser.request().get("/basic/bookmark-health/lost-and-found").then().statusCode(200).extract()
                .asString();
        assertThat(lost).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "Firefox would place it in", "Other Bookmarks")
                .doesNotContain("<script>", "href=\"javascript:");
        for (String html : List.of(summary, lost)) {
            assertThat(Html401Validator.errors(html)).as("HTML 4.01 Strict validation of:\n" + html).isEmpty();
        }
    }

    @Test
    void anotherAccountSeesNoneOfIt() throws Exception {
        TestData bob = TestData.newAccount(ds);
        bob.folder("toolbar", "places", 0, "toolbar", List.of());
        Browser bobBrowser = Browser.signedIn(sessions.create(bob.account, "test", Instant.now()));
        bobBrowser.request().get("/api/v1/bookmark-health/lost-and-found").then().statusCode(200).body("total", equalTo(0));
        new Browser().request().get("/api/v1/bookmark-health").then().statusCode(401);
    }
}
