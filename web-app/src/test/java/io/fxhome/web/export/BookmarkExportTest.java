package io.fxhome.web.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.generator.HostileContent;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The bookmark exports re-read by parsers of their formats: the Netscape file with jsoup (HTML parsing as a browser
 * does it), the JSON with Jackson, each checked against the mirror read straight from PostgreSQL: every folder's
 * items in order, separators, keywords, tags, dates, hostile titles escaped, and no address but http(s)/ftp as a link.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class BookmarkExportTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final Instant ADDED = Instant.parse("2024-03-05T10:15:30Z");

    @Inject
    AgroalDataSource ds;
    @Inject
    SessionStore sessions;

    TestData alice;
    Browser browser;

    /** One item of a folder as the mirror holds it, or as the export says it. */
    record Item(String kind, String title, String href, String keyword, String tags, Long added, List<Item> children) {
    }

    @BeforeEach
    void data() throws Exception {
        alice = TestData.newAccount(ds);
        alice.folder("menu", "places", 0, "menu", List.of("f1", "sep1", "b3"))
                .folder("toolbar", "places", 1, "toolbar", List.of("b2", "b1", "b4"))
                .folder("unfiled", "places", 2, "unfiled", List.of("b5"))
                .folder("mobile", "places", 3, "mobile", List.of())
                .folder("f1", "menu", 0, "Travel & <plans>", List.of("b6"))
                .bookmark("b1", "toolbar", 1, "Sourdough starter", "https://bread.example/starter?a=1&b=2")
                .bookmark("b2", "toolbar", 0, HostileContent.ATTRIBUTE_BREAKOUT, HostileContent.DATA_URL)
                .bookmark("b4", "toolbar", 2, HostileContent.QUOTES_AND_NEWLINES, HostileContent.JAVASCRIPT_URL)
                .bookmark("b3", "menu", 2, HostileContent.SCRIPT_TITLE, "https://x.example/\"><script>alert(1)</script>")
                .bookmark("b5", "unfiled", 0, HostileContent.NON_BMP_TITLE, "ftp://files.example/pub")
                .bookmark("b6", "f1", 0, HostileContent.RTL_TITLE, "https://lisbon.example/trams")
                // Its folder does not exist: it belongs to "Lost and found".
                .bookmark("lost1", "gone-folder", 0, "Lost bookmark", "https://lost.example/");
        TestData.exec(ds,
                "insert into bookmark (account_id, guid, parent_guid, position, kind) values (?, 'sep1', 'menu', 1, 'separator')",
                alice.account);
        TestData.exec(ds,
                "update bookmark set keyword = 'bread', tags = array['baking', 'a \"quoted\" tag'] where account_id = ? and guid = 'b1'",
                alice.account);
        TestData.exec(ds,
                "update bookmark set keyword = '\"><b>kw', tags = array['<i>tag</i>'] where account_id = ? and guid = 'b3'",
                alice.account);
        TestData.exec(ds, "update bookmark set date_added = ?, server_modified = 1709633730.00 where account_id = ?",
                java.sql.Timestamp.from(ADDED), alice.account);
        browser = Browser.signedIn(sessions.create(alice.account, "test", Instant.now()));
    }

    @Test
    void theNetscapeFileReadsBackAsTheMirror() throws Exception {
        var answer = browser.request().get("/api/v1/export/bookmarks.html");
        answer.then().statusCode(200).contentType("text/html; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"fxhome-bookmarks.html\"");
        String html = answer.asString();
        // Nothing synced comes through as markup, whatever the parser.
        assertThat(html).doesNotContain("<script>", "<img", "<b>kw", "<i>tag");
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script, img, [onerror]")).isEmpty();
        assertThat(doc.select("a[href]").eachAttr("href")).allSatisfy(h -> assertThat(h).matches("(?i)(https?|ftp)://.*"));

        Element top = doc.selectFirst("dl");
        List<Item> exported = items(top);
        // The menu's content at the top level, then the other roots as folders (as Firefox exports), then Lost and found.
        List<Item> expected = new ArrayList<>(mirror("menu"));
        expected.add(new Item("folder", "Bookmarks Toolbar", null, null, null, ADDED.getEpochSecond(), mirror("toolbar")));
        expected.add(new Item("folder", "Other Bookmarks", null, null, null, ADDED.getEpochSecond(), mirror("unfiled")));
        expected.add(new Item("folder", "Mobile Bookmarks", null, null, null, ADDED.getEpochSecond(), mirror("mobile")));
        expected.add(new Item("folder", "Lost and found (fxhome)", null, null, null, null, mirror("gone-folder")));
        assertThat(exported).isEqualTo(expected);

        assertThat(doc.selectFirst("h3:contains(Bookmarks Toolbar)").attr("personal_toolbar_folder")).isEqualTo("true");
        assertThat(doc.selectFirst("h3:contains(Other Bookmarks)").attr("unfiled_bookmarks_folder")).isEqualTo("true");
        assertThat(doc.selectFirst("a:contains(Sourdough starter)").attr("last_modified")).isEqualTo("1709633730");
        // The javascript: and data: addresses are kept as text, not as links.
        assertThat(doc.text()).contains("Address not exported as a link: " + HostileContent.JAVASCRIPT_URL)
                .contains("Address not exported as a link: " + HostileContent.DATA_URL);
    }

    @Test
    void theJsonExportReadsBackAsTheMirror() throws Exception {
        String json = browser.request().get("/api/v1/export/bookmarks.json").then().statusCode(200).extract().asString();
        JsonNode root = new ObjectMapper().readTree(json);
        List<String> rootGuids = new ArrayList<>();
        root.path("roots").forEach(r -> rootGuids.add(r.path("guid").asText()));
        assertThat(rootGuids).containsExactly("menu", "toolbar", "unfiled", "mobile");
        JsonNode toolbar = root.path("roots").get(1);
        assertThat(jsonItems(toolbar.path("children"))).isEqualTo(withoutHrefRule(mirror("toolbar")));
        assertThat(toolbar.path("children").get(0).path("url").asText()).isEqualTo(HostileContent.DATA_URL);
        assertThat(toolbar.path("children").get(0).path("linkable").asBoolean()).isFalse();
        assertThat(root.path("lostAndFound").get(0).path("guid").asText()).isEqualTo("lost1");
    }

    @Test
    void anotherAccountsExportHoldsNoneOfThese() throws Exception {
        TestData bob = TestData.newAccount(ds);
        bob.folder("toolbar", "places", 0, "toolbar", List.of());
        Browser bobBrowser = Browser.signedIn(sessions.create(bob.account, "test", Instant.now()));
        String html = bobBrowser.request().get("/api/v1/export/bookmarks.html").then().statusCode(200).extract().asString();
        assertThat(html).doesNotContain("Sourdough", "Lost bookmark");
        new Browser().request().get("/api/v1/export/bookmarks.html").then().statusCode(401);
    }

    /** A DL's items in document order, wherever the HTML parser put them, without those of nested lists. */
    private static List<Item> items(Element dl) {
        List<Item> out = new ArrayList<>();
        for (Element e : dl.select("a, h3, hr")) {
            if (e.closest("dl") != dl) {
                continue;
            }
            switch (e.tagName()) {
                case "hr" -> out.add(new Item("separator", null, null, null, null, null, null));
                case "h3" -> {
                    Element dt = e.parent();
                    Element nested = dt.selectFirst("dl");
                    out.add(new Item("folder", e.text(), null, null, null, date(e.attr("add_date")),
                            nested == null ? List.of() : items(nested)));
                }
                default -> out.add(new Item("bookmark", e.text(), e.hasAttr("href") ? e.attr("href") : null,
                        e.hasAttr("shortcuturl") ? e.attr("shortcuturl") : null, e.hasAttr("tags") ? e.attr("tags") : null,
                        date(e.attr("add_date")), null));
            }
        }
        return out;
    }

    private static List<Item> jsonItems(JsonNode children) {
        List<Item> out = new ArrayList<>();
        for (JsonNode c : children) {
            List<String> tags = new ArrayList<>();
            c.path("tags").forEach(t -> tags.add(t.asText()));
            String kind = c.path("kind").asText();
            out.add(new Item(kind,
                    c.path("title").isMissingNode() || c.path("title").isNull() ? null : c.path("title").asText(),
                    c.path("url").isMissingNode() ? null : c.path("url").asText(),
                    c.path("keyword").isMissingNode() ? null : c.path("keyword").asText(),
                    tags.isEmpty() ? null : String.join(",", tags),
                    c.path("dateAdded").isMissingNode() ? null : Instant.parse(c.path("dateAdded").asText()).getEpochSecond(),
                    kind.equals("folder") ? jsonItems(c.path("children")) : null));
        }
        return out;
    }

    /** The JSON keeps every address as data (with linkable), and titles as they are. */
    private List<Item> withoutHrefRule(List<Item> items) throws Exception {
        List<Item> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select url, title from bookmark where account_id = ? and parent_guid = 'toolbar' order by position nulls last, guid")) {
            ps.setObject(1, alice.account);
            try (ResultSet rs = ps.executeQuery()) {
                int i = 0;
                while (rs.next()) {
                    Item m = items.get(i++);
                    out.add(new Item(m.kind(), rs.getString(2), rs.getString(1), m.keyword(), m.tags(), m.added(),
                            m.children()));
                }
            }
        }
        return out;
    }

    private static Long date(String seconds) {
        return seconds == null || seconds.isEmpty() ? null : Long.parseLong(seconds);
    }

    /** A folder's items straight from the mirror, as the export must write them. */
    private List<Item> mirror(String folder) throws Exception {
        List<Item> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select guid, kind, title, url, keyword, tags, date_added from bookmark
                 where account_id = ? and parent_guid = ? order by position nulls last, guid""")) {
            ps.setObject(1, alice.account);
            ps.setString(2, folder);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(2);
                    String title = rs.getString(3);
                    String url = rs.getString(4);
                    String[] tags = (String[]) rs.getArray(6).getArray();
                    Long added = rs.getTimestamp(7) == null ? null
                            : rs.getTimestamp(7).toInstant().truncatedTo(ChronoUnit.SECONDS).getEpochSecond();
                    switch (kind) {
                        case "separator" -> out.add(new Item("separator", null, null, null, null, null, null));
                        case "folder" -> out.add(new Item("folder", title, null, null, null, added, mirror(rs.getString(1))));
                        default -> {
                            boolean link = url != null && url.matches("(?i)(https?|ftp)://.*");
                            // Control characters (the newline, the tab) are spaces in the file; HTML collapses runs.
                            String shown = title.replaceAll("[\\x00-\\x1f]", " ").replaceAll("\\s+", " ").strip();
                            out.add(new Item("bookmark", shown, link ? url : null, rs.getString(5),
                                    tags.length == 0 ? null : String.join(",", Arrays.asList(tags)), added, null));
                        }
                    }
                }
            }
        }
        return out;
    }
}
