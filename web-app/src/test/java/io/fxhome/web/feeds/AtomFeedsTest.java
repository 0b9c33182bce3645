package io.fxhome.web.feeds;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.generator.HostileContent;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.AtomDocument;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The Atom feeds of new bookmarks and of a device's tabs: valid Atom (read back by an XML parser and checked against
 * RFC 4287's required elements, see {@link AtomDocument}) whatever the synced titles hold, every title coming back as
 * the same text, script URLs never links; the secret URL opens its own account only, and stops working when renewed or
 * revoked; only its hash is stored.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class AtomFeedsTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    /** Titles that would break a feed written by string concatenation, or a reader that renders it. */
    static final List<String> HOSTILE = List.of(HostileContent.SCRIPT_TITLE, HostileContent.ATTRIBUTE_BREAKOUT,
            HostileContent.NON_BMP_TITLE, HostileContent.RTL_TITLE, HostileContent.QUOTES_AND_NEWLINES,
            "]]><![CDATA[<b>not bold</b>]]>", "&amp; &lt;entity&gt; &#0; &bogus;", "</title></entry><entry><title>x",
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;",
            "xmlns=\"http://example.com/evil\" <evil:x xmlns:evil=\"urn:x\"/>");

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
        alice.folder("toolbar", "places", 0, "toolbar", List.of());
        for (int i = 0; i < HOSTILE.size(); i++) {
            alice.bookmark("h" + i, "toolbar", i, HOSTILE.get(i), "https://hostile.example/" + i + "?a=1&b=\"2\"");
        }
        alice.bookmark("js", "toolbar", 90, "Script bookmark", HostileContent.JAVASCRIPT_URL);
        alice.bookmark("data", "toolbar", 91, "Data bookmark", HostileContent.DATA_URL);
        alice.bookmark("ctl", "toolbar", 92, "Control \u0001\u0008\u001b and lone \ud800 surrogate", "https://ctl.example/");
        alice.device("laptop", "Alice's <laptop> & \"co\"", "desktop", Instant.now().getEpochSecond());
        for (int i = 0; i < HOSTILE.size(); i++) {
            alice.tab("laptop", i, HOSTILE.get(i), "https://tab.example/" + i, Instant.now().minusSeconds(i));
        }
        alice.tab("laptop", 50, "Script tab", HostileContent.JAVASCRIPT_URL, Instant.now().minusSeconds(100));
        bob = TestData.newAccount(ds);
        bob.device("desk", "Bob's desktop", "desktop", Instant.now().getEpochSecond()).tab("desk", 0, "Bob's secret tab",
                "https://bob.example/", Instant.now());
        aliceBrowser = Browser.signedIn(sessions.create(alice.account, "test", Instant.now()));
        bobBrowser = Browser.signedIn(sessions.create(bob.account, "test", Instant.now()));
    }

    private static Response renew(Browser b) {
        return b.request().header("X-CSRF-Token", b.csrf).post("/api/v1/feeds");
    }

    private static Response fetch(String url) {
        return given().redirects().follow(false).get(URI.create(url).getRawPath()
                + (URI.create(url).getRawQuery() == null ? "" : "?" + URI.create(url).getRawQuery()));
    }

    @Test
    void theBookmarksFeedIsValidAtomWithEveryTitleAsText() throws Exception {
        Response urls = renew(aliceBrowser);
        urls.then().statusCode(201).header("Cache-Control", "no-store");
        String url = urls.jsonPath().getString("bookmarks");
        assertThat(url).matches("http://[^/]+/feeds/" + alice.account + "\\.[A-Za-z0-9_-]{43}/bookmarks\\.atom");
        Response feed = fetch(url);
        feed.then().statusCode(200).header("Cache-Control", "private, no-cache");
        assertThat(feed.getContentType()).startsWith("application/atom+xml");
        AtomDocument doc = AtomDocument.parse(feed.asString());
        assertThat(doc.selfLink).isEqualTo(url);
        assertThat(doc.entries).hasSize(HOSTILE.size() + 3);
        List<String> titles = doc.entries.stream().map(AtomDocument.Entry::title).toList();
        for (String hostile : HOSTILE) {
            // XML reads a carriage return as a line feed; nothing else of a title may change.
            assertThat(titles).contains(hostile);
        }
        // Controls XML cannot carry come back as U+FFFD (the lone surrogate never reached the database: JDBC sent "?").
        String stored = TestData.one(ds, "select title from bookmark where account_id = ? and guid = 'ctl'", alice.account);
        assertThat(titles).contains(stored.replaceAll("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]", "\ufffd"))
                .anyMatch(t -> t.startsWith("Control \ufffd\ufffd\ufffd and lone "));
        for (AtomDocument.Entry e : doc.entries) {
            if (e.title().endsWith("bookmark") && !e.title().startsWith("Bob")) {
                assertThat(e.link()).as(e.title() + " is no link").isNull();
                assertThat(e.summary()).startsWith(e.title().startsWith("Script") ? "javascript:" : "data:");
            } else {
                assertThat(e.link()).startsWith("https://");
            }
        }
        // An href must be an IRI: what it cannot hold is percent-encoded, as a browser would before sending it.
        assertThat(doc.entries).anyMatch(e -> "https://hostile.example/0?a=1&b=%222%22".equals(e.link()));
    }

    @Test
    void theTabsFeedOfADeviceIsValidAtomAndReachesNoOtherAccount() throws Exception {
        Response urls = renew(aliceBrowser);
        String url = urls.jsonPath().getString("tabs[0].url");
        assertThat(urls.jsonPath().getString("tabs[0].device")).isEqualTo("Alice's <laptop> & \"co\"");
        AtomDocument doc = AtomDocument.parse(fetch(url).then().statusCode(200).extract().asString());
        assertThat(doc.title).isEqualTo("fxhome: tabs open on Alice's <laptop> & \"co\"");
        assertThat(doc.entries.stream().map(AtomDocument.Entry::title)).containsAll(HOSTILE).contains("Script tab");
        assertThat(doc.entries).filteredOn(e -> e.title().equals("Script tab")).singleElement()
                .satisfies(e -> assertThat(e.link()).isNull());
        // Bob's device through Alice's key, and Alice's key with Bob's account id, open nothing.
        fetch(url.replace("device=laptop", "device=desk")).then().statusCode(404);
        fetch(url.replace(alice.account.toString(), bob.account.toString())).then().statusCode(404);
        assertThat(fetch(url).asString()).doesNotContain("Bob");
    }

    @Test
    void renewedOrRevokedFeedUrlsStopWorkingAndOnlyTheHashIsKept() throws Exception {
        aliceBrowser.request().get("/api/v1/feeds").then().statusCode(200).body("active",
                org.hamcrest.Matchers.equalTo(false));
        String first = renew(aliceBrowser).jsonPath().getString("bookmarks");
        fetch(first).then().statusCode(200);
        String key = URI.create(first).getPath().split("/")[2];
        assertThat(TestData.one(ds, "select count(*) from feed_secret where account_id = ?", alice.account)).isEqualTo("1");
        assertThat(io.fxhome.hygiene.testing.DatabaseDump.rows(ds))
                .noneMatch(row -> row.contains(key.substring(key.indexOf('.') + 1)));

        String second = renew(aliceBrowser).jsonPath().getString("bookmarks");
        assertThat(second).isNotEqualTo(first);
        fetch(first).then().statusCode(404);
        fetch(second).then().statusCode(200);
        aliceBrowser.request().get("/api/v1/feeds").then().statusCode(200).body("active", org.hamcrest.Matchers.equalTo(true));

        aliceBrowser.request().delete("/api/v1/feeds").then().statusCode(403); // no CSRF token
        aliceBrowser.request().header("X-CSRF-Token", aliceBrowser.csrf).delete("/api/v1/feeds").then().statusCode(204);
        fetch(second).then().statusCode(404);
        aliceBrowser.request().get("/api/v1/feeds").then().body("active", org.hamcrest.Matchers.equalTo(false));
        // Managing feeds needs the browser's session.
        new Browser().request().post("/api/v1/feeds").then().statusCode(401);
    }
}
