package io.fxhome.web.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

import jakarta.inject.Inject;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.hygiene.testing.LogCapture;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.shard.ShardRouter;
import io.fxhome.web.config.WebConfig;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.Browser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * GET /api/v1/search over real HTTP on fixed rows of two accounts: the expected results, in order, for a table of
 * queries (word boundary before anywhere, frecency, accents and case, restriction characters, keywords, autofill,
 * one result per URL with what it is), adaptive history rising and decaying, and nothing of the other account.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class AddressBarSearchTest {
    static final String G = "https://github.com/";
    static final String GM = "https://github.com/mozilla/gecko-dev";
    static final String DG = "https://digital.example/widgets";
    static final String CF = "https://cafe.example/menu";
    static final String SD = "https://bread.example/sourdough";
    static final String OLD = "https://bread.example/old";
    static final String BB = "https://bread.example/bookmarked-only";
    static final String BREAD = "https://bread.example/";
    static final String NEWS = "https://news.example/today";
    static final String MAN = "https://docs.example/manual";
    static final String ZU = "https://example.org/zebra-crossing";
    static final String ZT = "https://example.org/p1";
    static final String JS = "javascript:alert(1)";
    static final String BOB = "https://bob.example/private";

    @Inject
    AgroalDataSource ds;
    @Inject
    SessionStore sessions;
    @Inject
    PrefixHints hints;
    @Inject
    SearchService searchService;
    @Inject
    WebConfig config;
    @Inject
    ShardRouter shards;

    SearchFixtures alice;
    SearchFixtures bob;
    Browser aliceBrowser;
    Browser bobBrowser;

    @BeforeEach
    void data() throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        alice = SearchFixtures.newAccount(ds, now)
                // Typed five days running: the origin autofills; link visits otherwise (transition 1).
                .page("gh0000000000", G, "GitHub", 5, 2, 0)
                .page("ghm000000000", GM, "mozilla/gecko-dev: Read-only Git mirror", 3, 1, 0)
                // The most frecent page of all, but "git" is only inside a word here.
                .page("dig000000000", DG, "Digital widgets", 20, 1, 0)
                .page("caf000000000", CF, "Café Crème menu", 2, 1, 1)
                .page("sd0000000000", SD, "Sourdough bread recipe", 4, 1, 0)
                .page("old000000000", OLD, "Old bread recipe", 1, 1, 300)
                .page("new000000000", NEWS, "Today's news", 1, 1, 0)
                .page("man000000000", MAN, "Manual (history title)", 3, 1, 2)
                .page("zu0000000000", ZU, "Pedestrian safety", 1, 1, 5)
                .page("zt0000000000", ZT, "Zebra facts", 2, 1, 5)
                .page("js0000000000", JS, "bread js", 9, 1, 0)
                .bookmark("bmman0000000", "The manual", MAN, List.of("reference"), "man", 100)
                .bookmark("bmsearch0000", "Search engine", "https://search.example/?q=%s", List.of(), "s", 100)
                .bookmark("bmbread00000", "Bread bookmark", BB, List.of(), null, 10)
                .device("phone", "Alice's phone")
                .tab("phone", 0, "Today's news", NEWS, 1)
                .tab("phone", 1, "Sourdough bread recipe (tab)", SD, 2)
                .scored();
        bob = SearchFixtures.newAccount(ds, now)
                .page("bob000000000", BOB, "Bob private bread git zebra creme manual recipe", 50, 2, 0)
                .page("gitlab000000", "https://gitlab.example/", "GitLab", 9, 2, 0)
                .bookmark("bobman000000", "Bob's manual", "https://bob.example/man", List.of("reference"), "man", 1)
                .device("bobdev", "Bob's desktop")
                .tab("bobdev", 0, "Bob tab bread", "https://bob.example/tab", 1)
                .scored();
        aliceBrowser = Browser.signedIn(sessions.create(alice.account, "test", Instant.now()));
        bobBrowser = Browser.signedIn(sessions.create(bob.account, "test", Instant.now()));
    }

    private JsonPath search(Browser b, String q) {
        return b.request().queryParam("q", q).get("/api/v1/search").then().statusCode(200).extract().jsonPath();
    }

    private record Expect(String query, List<String> urls) {
    }

    @Test
    void expectedResultsInOrder() {
        List<Expect> table = List.of(
                // Word boundary before anywhere: digital has the best frecency but "git" is inside its word.
                new Expect("git", List.of(G, GM, DG)),
                new Expect("GIT", List.of(G, GM, DG)),
                new Expect("digi", List.of(DG)),
                // Frecency among boundary matches; the javascript: URL is left out; one result per URL. A bookmarked origin
                // is autofilled, as in Firefox.
                new Expect("bread", List.of(BREAD, SD, BB, OLD)),
                new Expect("recipe bread", List.of(SD, OLD)),
                new Expect("javascript:alert", List.of(JS)),
                // Accents and case.
                new Expect("creme", List.of(CF)),
                new Expect("CRÈME", List.of(CF)),
                new Expect("café crème menu", List.of(CF)),
                // Restriction characters, at the start or the end.
                new Expect("^ bread", List.of(SD, OLD)),
                new Expect("bread ^", List.of(SD, OLD)),
                new Expect("* bread", List.of(BB)),
                new Expect("% bread", List.of(SD)),
                new Expect("+ manual", List.of(MAN)),
                new Expect("+ bread", List.of()),
                new Expect("# zebra", List.of(ZT)),
                new Expect("$ zebra", List.of(ZU)),
                new Expect("zebra", List.of(ZT, ZU)),
                new Expect("* ^ manual", List.of(MAN)),
                new Expect("% news", List.of(NEWS)),
                // Nothing of the other account.
                new Expect("bob", List.of()),
                new Expect("gitlab", List.of()));
        SoftAssertions soft = new SoftAssertions();
        for (Expect e : table) {
            soft.assertThat(search(aliceBrowser, e.query()).getList("results.url")).as(e.query())
                    .containsExactlyElementsOf(e.urls());
        }
        soft.assertAll();
    }

    @Test
    void eachResultSaysWhatItIsAndTabsTheirDevice() {
        JsonPath bread = search(aliceBrowser, "bread");
        // The autofilled origin comes from a bookmark of that host; then a tab, a bookmark, a page.
        assertThat(bread.getList("results.source")).containsExactly("bookmark", "tab", "bookmark", "history");
        assertThat(bread.getList("results.heuristic")).containsExactly("autofill", null, null, null);
        assertThat(bread.getString("results[1].device")).isEqualTo("Alice's phone");
        assertThat(bread.getString("results[1].title")).isEqualTo("Sourdough bread recipe (tab)");
        assertThat(bread.getInt("results[1].visitCount")).isEqualTo(4);
        assertThat(bread.getString("results[2].device")).isNull();
        // Restricted to history, the same page is history.
        assertThat(search(aliceBrowser, "^ bread").getList("results.source")).containsExactly("history", "history");
        // The HTML4 results page says the same.
        String page = aliceBrowser.request().queryParam("q", "bread").get("/basic/search").then().statusCode(200).extract()
                .asString();
        assertThat(page).contains("[tab: Alice&#39;s phone] <a href=\"" + SD + "\">")
                .contains("[history] <a href=\"" + OLD + "\">");
        JsonPath manual = search(aliceBrowser, "manual");
        assertThat(manual.getList("results.url")).containsExactly(MAN);
        assertThat(manual.getString("results[0].source")).isEqualTo("bookmark");
        assertThat(manual.getString("results[0].title")).isEqualTo("The manual");
    }

    @Test
    void keywordsGoStraightToTheirBookmark() {
        JsonPath man = search(aliceBrowser, "man");
        assertThat(man.getList("results.url")).containsExactly(MAN);
        assertThat(man.getString("results[0].heuristic")).isEqualTo("keyword");
        assertThat(man.getString("results[0].source")).isEqualTo("bookmark");
        JsonPath s = search(aliceBrowser, "s hello world");
        assertThat(s.getString("results[0].url")).isEqualTo("https://search.example/?q=hello+world");
        // Everything typed after the keyword, repeats and case included.
        assertThat(search(aliceBrowser, "s Hello hello  hello").getString("results[0].url"))
                .isEqualTo("https://search.example/?q=Hello+hello++hello");
        assertThat(s.getString("results[0].heuristic")).isEqualTo("keyword");
        // Restricted, a keyword is just a word.
        assertThat(search(aliceBrowser, "* man").getString("results[0].heuristic")).isNull();
    }

    @Test
    void theStartOfAUrlIsAutofilled() {
        JsonPath git = search(aliceBrowser, "git");
        assertThat(git.getString("results[0].url")).isEqualTo(G);
        assertThat(git.getString("results[0].heuristic")).isEqualTo("autofill");
        assertThat(git.getString("results[0].autofill")).isEqualTo("github.com/");
        assertThat(git.getString("results[0].title")).isEqualTo("GitHub");
        assertThat(search(aliceBrowser, "https://gith").getString("results[0].autofill")).isEqualTo("https://github.com/");
        JsonPath path = search(aliceBrowser, "github.com/moz");
        assertThat(path.getString("results[0].url")).isEqualTo("https://github.com/mozilla/");
        assertThat(path.getString("results[0].autofill")).isEqualTo("github.com/mozilla/");
        // A typed scheme is not part of what is matched (stored URLs are matched without theirs).
        assertThat(search(aliceBrowser, "https://github.com/moz").getList("results.url")).isEqualTo(path.getList("results.url"))
                .hasSizeGreaterThan(1);
        // Never typed: cafe.example is found but not autofilled; Bob's gitlab.example is not Alice's.
        assertThat(search(aliceBrowser, "caf").getString("results[0].heuristic")).isNull();
        assertThat(search(aliceBrowser, "gitl").getList("results")).isEmpty();
        assertThat(search(bobBrowser, "git").getString("results[0].url")).isEqualTo("https://gitlab.example/");
    }

    @Test
    void picksRiseForTheirInputAndDecay() throws SQLException {
        assertThat(search(aliceBrowser, "re").getString("results[0].url")).isNotEqualTo(OLD);
        pick(aliceBrowser, "re", OLD);
        assertThat(search(aliceBrowser, "re").getString("results[0].url")).isEqualTo(OLD);
        // Inputs that start with what is typed count too; longer inputs do not.
        assertThat(search(aliceBrowser, "r").getString("results[0].url")).isEqualTo(OLD);
        assertThat(search(aliceBrowser, "rec").getString("results[0].url")).isEqualTo(SD);
        // The more picks, the higher: a second URL picked twice for "re" passes the first.
        pick(aliceBrowser, "re", SD);
        pick(aliceBrowser, "re", SD);
        assertThat(search(aliceBrowser, "re").getList("results.url")).startsWith(SD, OLD);
        // Bob's picks stay Bob's, and a URL Alice does not have is not remembered for her.
        pick(bobBrowser, "re", BOB);
        pick(aliceBrowser, "re", BOB);
        assertThat(search(aliceBrowser, "re").getList("results.url")).startsWith(SD, OLD).doesNotContain(BOB);
        assertThat(search(bobBrowser, "re").getList("results.url")).startsWith(BOB).doesNotContain(OLD, SD, MAN);
        // 200 days unused: 0.975^200 of the count (1.9 at most here) is below 0.1, the picks no longer count.
        SearchFixtures.exec(ds, "update search_input_history set used_at = now() - interval '200 days' where account_id = ?",
                alice.account);
        assertThat(search(aliceBrowser, "re").getString("results[0].url")).isNotIn(SD, OLD);
    }

    @Test
    void picksNeedTheSessionsCsrfToken() {
        aliceBrowser.request().contentType(ContentType.JSON).body(Map.of("query", "re", "url", OLD))
                .post("/api/v1/search/picks")
                .then().statusCode(403).body("code", equalTo("csrf"));
        new Browser().request().contentType(ContentType.JSON).body(Map.of("query", "re", "url", OLD))
                .post("/api/v1/search/picks")
                .then().statusCode(401);
    }

    @Test
    void theInboxIsASourceOfItsOwn() throws SQLException {
        String trip = "https://sent.example/kayak-trip";
        String kayaks = "https://other.example/kayaks";
        alice.inbox(1, trip, "Kayak trip plans", "Alice's laptop", 2)
                .inbox(2, kayaks, "Cheap kayaks", null, 24 * 40)
                .inbox(3, "javascript:alert('kayak')", "<img src=x onerror=alert(1)> kayak", "Evil", 1)
                // Also in history: shown once, as received (the sender says where it came from).
                .inbox(4, OLD, "Old bread recipe (sent)", "Alice's phone", 3)
                // Also an open tab: a tab first, as everywhere.
                .inbox(5, SD, "Sourdough (sent)", "Alice's laptop", 4);
        JsonPath kayak = search(aliceBrowser, "kayak");
        // Both at a word boundary: the one sent 2 hours ago before the one sent 40 days ago; the script left out.
        assertThat(kayak.getList("results.url", String.class)).containsExactly(trip, kayaks);
        assertThat(kayak.getList("results.source", String.class)).containsExactly("inbox", "inbox");
        assertThat(kayak.getList("results.device", String.class)).containsExactly("Alice's laptop", null);
        assertThat(search(aliceBrowser, "javascript:alert kayak").getList("results.url", String.class))
                .containsExactly("javascript:alert('kayak')");

        JsonPath old = search(aliceBrowser, "old bread");
        assertThat(old.getList("results.url", String.class)).containsExactly(OLD);
        assertThat(old.getString("results[0].source")).isEqualTo("inbox");
        assertThat(old.getString("results[0].title")).isEqualTo("Old bread recipe (sent)");
        assertThat(old.getString("results[0].device")).isEqualTo("Alice's phone");
        JsonPath sourdough = search(aliceBrowser, "sourdough");
        assertThat(sourdough.getList("results.url", String.class)).containsExactly(SD);
        assertThat(sourdough.getString("results[0].source")).isEqualTo("tab");

        // A source restriction names one of Firefox's sources, never the inbox; another account sees none of it.
        assertThat(search(aliceBrowser, "^ kayak").getList("results")).isEmpty();
        assertThat(search(aliceBrowser, "% kayak").getList("results")).isEmpty();
        assertThat(search(bobBrowser, "kayak").getList("results")).isEmpty();
    }

    @Test
    void everyPartReadsOneAccountThroughAnIndex() throws Exception {
        List<WordPattern> words = List.of(WordPattern.of("bread", WordPattern.Where.TITLE_OR_URL),
                WordPattern.of("re", WordPattern.Where.TITLE));
        SearchStatement.AlsoIn all = new SearchStatement.AlsoIn(true, true, true, false);
        List<SearchStatement> statements = List.of(
                new SearchStatement(alice.account).historyTop(words, 2000, 35, false),
                new SearchStatement(alice.account).historyAll(words, 35, false),
                new SearchStatement(alice.account).historyCapped(words, SearchService.CAP, 35, false),
                new SearchStatement(alice.account).bookmarksCapped(words, SearchService.CAP, 35, false),
                new SearchStatement(alice.account).historyAll(words, 35, false,
                        new SearchStatement.AlsoIn(false, true, false, true)),
                new SearchStatement(alice.account).bookmarksTop(words, 1000, 35, false),
                new SearchStatement(alice.account).bookmarksAll(words, 35, false, all),
                new SearchStatement(alice.account).tabs(words, false, all),
                new SearchStatement(alice.account).inbox(words, 35, false),
                new SearchStatement(alice.account).keyword("man"),
                new SearchStatement(alice.account).adaptive("re", 35),
                new SearchStatement(alice.account).origins("git"),
                new SearchStatement(alice.account).urlPrefixes("github.com/moz"));
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                SearchService.prepare(c);
                for (SearchStatement s : statements) {
                    // Both the plan for these values and the generic plan that the search keeps and reuses.
                    for (List<String> scans : List.of(QueryPlans.tableScans(c, s.sql(), s.params()),
                            QueryPlans.genericTableScans(c, s.sql(), s.params()))) {
                        assertThat(scans).as(s.sql()).isNotEmpty()
                                .allSatisfy(scan -> assertThat(scan).doesNotStartWith("Seq Scan").contains("account_id ="));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    @Test
    void theSettingsHoldForTheSearchStatementAndEndWithIt() throws SQLException {
        String settings = "select current_setting('enable_seqscan') || ' ' || current_setting('plan_cache_mode') || ' '"
                + " || current_setting('jit') || ' ' || current_setting('statement_timeout')";
        try (Connection c = ds.getConnection()) {
            assertThat(c.getAutoCommit()).isTrue();
            String before = column(c, settings);
            assertThat(before).isNotEqualTo("off force_generic_plan off 5s");
            // Twice: the second time from the named statements the first one prepared.
            for (int i = 0; i < 2; i++) {
                assertThat(SearchService.query(c, settings, List.of(), rs -> rs.getString(1)))
                        .containsExactly("off force_generic_plan off 5s");
                assertThat(column(c, settings)).isEqualTo(before);
            }
            // A statement that fails takes its settings with it too.
            assertThatThrownBy(() -> SearchService.query(c, "select 1 / (? - 1)", List.of(1), rs -> rs.getInt(1)))
                    .isInstanceOf(SQLException.class);
            assertThat(column(c, settings)).isEqualTo(before);
        }
    }

    private static String column(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void commonWordsAreRankedThroughTheFrecencyOrderedPass() throws SQLException {
        commonAndUncommonPages();
        assertThat(SearchService.CAP).isLessThan(1060);
        // Pages of equal frecency may come in any order: the scores are compared, in order, and every page is a boundary match.
        List<String> common = search(aliceBrowser, "common").getList("results.url");
        assertThat(common).hasSize(25).allSatisfy(u -> assertThat(title(u)).startsWith("Common page"));
        assertThat(frecencies(common)).containsExactlyElementsOf(
                column("select frecency from history_place where account_id = ? and title like 'Common page %' order by frecency desc limit 25"));
        // No boundary match at all for "ommon": the frecency-ordered pass finds none, and every match is ranked.
        List<String> anywhere = search(aliceBrowser, "ommon").getList("results.url");
        assertThat(anywhere).hasSize(25).allSatisfy(u -> assertThat(title(u)).startsWith("Uncommonly"));
        assertThat(frecencies(anywhere)).containsExactlyElementsOf(
                column("select frecency from history_place where account_id = ? and title ilike '%ommon%' order by frecency desc limit 25"));
        // Words of up to WALK_FIRST_LENGTH characters walk the most frecent pages first: found there ("comm"), or
        // not ("ommo": the walk finds no boundary match, so the long walk would find none either: every match is ranked).
        assertThat("comm").hasSizeLessThanOrEqualTo(SearchService.WALK_FIRST_LENGTH);
        List<String> prefix = search(aliceBrowser, "comm").getList("results.url");
        assertThat(prefix).hasSize(25).allSatisfy(u -> assertThat(title(u)).startsWith("Common page"));
        assertThat(frecencies(prefix)).containsExactlyElementsOf(frecencies(common));
        List<String> inside = search(aliceBrowser, "ommo").getList("results.url");
        assertThat(inside).hasSize(25).allSatisfy(u -> assertThat(title(u)).startsWith("Uncommonly"));
        assertThat(frecencies(inside)).containsExactlyElementsOf(frecencies(anywhere));
    }

    @Test
    void everyKeystrokeAnswersAsAFreshSearchWould() throws SQLException {
        // "ommo" walks and misses, "c" and "co" find their boundary matches among the most frecent pages.
        commonAndUncommonPages();
        List<String> typed = List.of("o", "om", "omm", "ommo", "ommon", "ommonl", "ommonly g", "ommonly go", "c", "co", "com",
                "comm", "common", "common g", "common go", "common", "common p", "common pa", "b", "br", "bre", "brea", "bread",
                "bread r", "bread re", "^ bre",
                "^ bread", "* m", "* ma", "* man");
        SoftAssertions soft = new SoftAssertions();
        for (String q : typed) {
            List<String> asTyped = search(aliceBrowser, q).getList("results.url");
            hints.forget(alice.account);
            soft.assertThat(asTyped).as(q).containsExactlyElementsOf(search(aliceBrowser, q).getList("results.url"));
            // Typing goes on from what the keystroke itself learned.
            search(aliceBrowser, q);
        }
        soft.assertAll();
        // "ommo" walked the most frecent pages and found no boundary match, so the long walk would find none either
        // (a guess), and every match came next: longer prefixes skip both walks.
        hints.forget(alice.account);
        search(aliceBrowser, "ommo");
        assertThat(hints.lookup(alice.account, Set.of(), false, 28, List.of("ommon"), Instant.now()).history().skip())
                .isEqualTo(PrefixHints.Skip.EVERY_WALK);
        assertThat(hints.lookup(alice.account, Set.of(), false, 28, List.of("ommon", "x"), Instant.now()).history().skip())
                .isEqualTo(PrefixHints.Skip.EVERY_WALK);
        assertThat(hints.lookup(alice.account, Set.of(Restriction.HISTORY), false, 28, List.of("ommon"), Instant.now())
                .history().skip()).isEqualTo(PrefixHints.Skip.NOTHING);
        assertThat(hints.lookup(alice.account, Set.of(), false, 28, List.of("commo"), Instant.now()).history().skip())
                .isEqualTo(PrefixHints.Skip.NOTHING);
        // "comm" found its boundary matches in the first walk: longer prefixes of it ("common", five letters and more)
        // walk first too, and find the same answer as a fresh search (the loop above typed them).
        hints.forget(alice.account);
        search(aliceBrowser, "comm");
        assertThat(hints.lookup(alice.account, Set.of(), false, 28, List.of("common"), Instant.now()).history().skip())
                .isEqualTo(PrefixHints.Skip.WALK_FIRST);
        assertThat(hints.lookup(alice.account, Set.of(), false, 28, List.of("common", "pa"), Instant.now()).history().skip())
                .isEqualTo(PrefixHints.Skip.WALK_FIRST);
        // A hint gone stale only costs time, the answer is the fresh one: "omm" misses in its walks, then a sync brings
        // 30 more frecent pages that start with "ommon", which the walk for "ommo" would find.
        hints.forget(alice.account);
        search(aliceBrowser, "omm");
        SearchFixtures.exec(ds,
                """
                        insert into history_place (account_id, guid, url, title, visit_count, last_visit_at, frecency)
                        select ?, 'o' || lpad(i::text, 11, '0'), 'https://o' || i || '.example/', 'Ommon ' || i, 1, now(), 999999 - i
                          from generate_series(1, 30) i""",
                alice.account);
        assertThat(hints.lookup(alice.account, Set.of(), false, 28, List.of("ommo"), Instant.now()).history().skip())
                .isEqualTo(PrefixHints.Skip.EVERY_WALK);
        List<String> stale = search(aliceBrowser, "ommo").getList("results.url");
        assertThat(stale).hasSize(25).allSatisfy(u -> assertThat(title(u)).startsWith("Ommon "));
        hints.forget(alice.account);
        assertThat(stale).containsExactlyElementsOf(search(aliceBrowser, "ommo").getList("results.url"));
    }

    @Test
    void aWordShownCommonSkipsTheTrigramLookWhileTheNextWordIsTooShortForIt() throws SQLException {
        // "common" is in all 1,060 pages: its trigram look reaches the cap, and the long walk finds the "Common page"s.
        commonAndUncommonPages();
        hints.forget(alice.account);
        try (LogCapture capture = LogCapture.start()) {
            search(aliceBrowser, "common");
            // Bookmarks hold no "common": their trigram look finds none, beside history's.
            assertThat(passes(capture)).containsExactly("cc", "t");
        }
        // Words that add only letters the trigram index cannot serve read the same trigrams: the look is skipped for them.
        assertThat(hints.lookup(alice.account, Set.of(), false, 28, List.of("common", "pa"), Instant.now()).history().look())
                .isEqualTo(PrefixHints.Look.COMMON);
        assertThat(hints.lookup(alice.account, Set.of(), false, 28, List.of("common", "pag"), Instant.now()).history().look())
                .isEqualTo(PrefixHints.Look.UNKNOWN);
        assertThat(hints.lookup(alice.account, Set.of(), false, 28, List.of("commonl"), Instant.now()).history().look())
                .isEqualTo(PrefixHints.Look.UNKNOWN);
        List<String> pages;
        try (LogCapture capture = LogCapture.start()) {
            pages = search(aliceBrowser, "common pa").getList("results.url");
            assertThat(passes(capture)).containsExactly("ct");
        }
        assertThat(pages).hasSize(25).allSatisfy(u -> assertThat(title(u)).startsWith("Common page"));
        hints.forget(alice.account);
        assertThat(search(aliceBrowser, "common pa").getList("results.url")).containsExactlyElementsOf(pages);

        // A wrong guess costs a step, never an answer: "common d" is only in the 60 "Uncommonly good" pages, which the
        // look would have read whole; the long walk finds no boundary match, and every match is ranked.
        hints.forget(alice.account);
        search(aliceBrowser, "common");
        List<String> good;
        try (LogCapture capture = LogCapture.start()) {
            good = search(aliceBrowser, "common d").getList("results.url");
            assertThat(passes(capture)).containsExactly("ct", "a");
        }
        assertThat(good).hasSize(25).allSatisfy(u -> assertThat(title(u)).startsWith("Uncommonly good"));
        hints.forget(alice.account);
        try (LogCapture capture = LogCapture.start()) {
            assertThat(search(aliceBrowser, "common d").getList("results.url")).containsExactlyElementsOf(good);
            assertThat(passes(capture)).containsExactly("cc");
        }
        // A look that found every match is certain, and wins over the guess: "common do" after "common d" (and
        // "common") looks again.
        search(aliceBrowser, "common");
        assertThat(hints.lookup(alice.account, Set.of(), false, 28, List.of("common", "do"), Instant.now()).history().look())
                .isEqualTo(PrefixHints.Look.FEW);
        try (LogCapture capture = LogCapture.start()) {
            search(aliceBrowser, "common do");
            assertThat(passes(capture)).containsExactly("cc");
        }
    }

    @Test
    void aSearchWithoutASecondConnectionAnswersTheSame() throws SQLException {
        // Short, common, rare and restricted words: one to three steps of history beside tabs, bookmarks and the rest.
        commonAndUncommonPages();
        AgroalDataSource pool = shards.dataSource(alice.account);
        Semaphore free = searchService.secondConnections(pool);
        for (String q : List.of("c", "comm", "common", "common pa", "ommo", "ommonly go", "bread", "^ bre", "* ma", "% x")) {
            hints.forget(alice.account);
            List<String> twoConnections = search(aliceBrowser, q).getList("results.url");
            int drained = free.drainPermits();
            try {
                hints.forget(alice.account);
                assertThat(search(aliceBrowser, q).getList("results.url")).as(q).containsExactlyElementsOf(twoConnections);
            } finally {
                free.release(drained);
            }
        }
        // The setting (8), under half of the pool (the test profile's max-size).
        assertThat(free.availablePermits()).isEqualTo(
                Math.min(config.api().searchSecondConnections(),
                        (pool.getConfiguration().connectionPoolConfiguration().maxSize() - 1) / 2));
        assertThat(free.availablePermits()).isPositive();
    }

    @Test
    void aFirstWalkThatFindsFewSkipsTheLongWalkAndStillRanksEveryMatch() throws SQLException {
        // The 3,000 most frecent pages hold 2 boundary matches of "quo", the next 200 hold 40 more (the long walk would
        // have found them), and 1,100 pages hold "quo" inside a word, more than the trigram look reads.
        quokkaPages(1000, 2000);
        assertThat(2 * (SearchService.HISTORY_SCAN / SearchService.WALK_FIRST_HISTORY_SCAN)).isLessThan(28);
        assertThat(SearchService.longWalkLikelyMisses(2, Candidate.Part.HISTORY, 28)).isTrue();
        assertThat(SearchService.longWalkLikelyMisses(6, Candidate.Part.HISTORY, 28)).isFalse();
        assertThat(SearchService.longWalkLikelyMisses(5, Candidate.Part.BOOKMARK, 28)).isTrue();

        hints.forget(alice.account);
        List<String> found;
        try (LogCapture capture = LogCapture.start()) {
            found = search(aliceBrowser, "quo").getList("results.url");
            // Both sources walk and find too few for the long walk to find enough: every match follows at once, without
            // the trigram look (it reads the same rows where there are fewer than its cap) or the long walk.
            assertThat(passes(capture)).containsExactly("ww", "aa");
        }
        // The walk's guess was wrong, and the answer is every match's best: the 25 most frecent boundary matches.
        assertThat(found).containsExactlyElementsOf(column("select url from history_place where account_id = ?"
                + " and title like 'Quokka %' order by frecency desc limit 25"));
        assertThat(hints.lookup(alice.account, Set.of(), false, 28, List.of("quok"), Instant.now()).history().skip())
                .isEqualTo(PrefixHints.Skip.EVERY_WALK);
        assertThat(search(aliceBrowser, "quok").getList("results.url")).containsExactlyElementsOf(found);
    }

    @Test
    void aShortWordWhoseFirstWalkFindsAFairShareTakesTheLongWalkWithoutTheTrigramLook() throws SQLException {
        // The 3,000 most frecent pages hold 6 boundary matches of "quo" (a fifth of the 28 needed: the long walk, five
        // times as long, likely finds enough), the next 200 hold 40 more, and 1,100 hold "quo" inside a word: the
        // trigram look would reach its cap.
        quokkaPages(500, 1000, 1500, 2000, 2500, 2900);
        assertThat(SearchService.longWalkLikelyMisses(6, Candidate.Part.HISTORY, 28)).isFalse();
        hints.forget(alice.account);
        List<String> found;
        try (LogCapture capture = LogCapture.start()) {
            found = search(aliceBrowser, "quo").getList("results.url");
            // History: the walk, then the long walk. Bookmarks hold no "quo": every match at once.
            assertThat(passes(capture)).containsExactly("ww", "at");
        }
        assertThat(found).containsExactlyElementsOf(column("select url from history_place where account_id = ?"
                + " and title like 'Quokka %' order by frecency desc limit 25"));
        hints.forget(alice.account);
        assertThat(hints.lookup(alice.account, Set.of(), false, 28, List.of("quo", "x"), Instant.now()).history().look())
                .isEqualTo(PrefixHints.Look.UNKNOWN);
        search(aliceBrowser, "quo");
        assertThat(hints.lookup(alice.account, Set.of(), false, 28, List.of("quo", "x"), Instant.now()).history().look())
                .isEqualTo(PrefixHints.Look.COMMON);
    }

    /**
     * 4,240 pages in frecency order: "Quokka" (a boundary match of "quo") at the given places among the 3,000 most
     * frecent and at the 40 places from 3,101, "Filler" elsewhere up to 3,100, and "Unquokkaish" (a match inside a
     * word) in the 1,100 after 3,140, more than the trigram look reads.
     */
    private void quokkaPages(int... amongTheMostFrecent) throws SQLException {
        SearchFixtures.exec(ds,
                """
                        insert into history_place (account_id, guid, url, title, visit_count, last_visit_at, frecency)
                        select ?, 'q' || lpad(i::text, 11, '0'), 'https://q' || i || '.example/',
                               case when i = any(?) or i between 3101 and 3140 then 'Quokka ' || i
                                    when i <= 3100 then 'Filler ' || i else 'Unquokkaish ' || i end,
                               1, now(), 2000000 - i
                          from generate_series(1, 4240) i""",
                alice.account, amongTheMostFrecent);
    }

    /** The step codes of each pass of the search the capture saw (bookmarks', then history's), from its DEBUG line. */
    private List<String> passes(LogCapture capture) {
        String prefix = "search for account " + alice.account + ":";
        List<String> lines = capture.lines().stream().filter(l -> l.contains(prefix)).toList();
        assertThat(lines).hasSize(1);
        String passes = lines.get(0).substring(lines.get(0).indexOf("ms)") + 3).strip();
        List<String> codes = new ArrayList<>();
        String[] fields = passes.split(" ");
        for (int i = 0; i + 1 < fields.length; i += 2) {
            codes.add(fields[i]);
        }
        return codes;
    }

    /**
     * 1,000 pages with "common" at a word boundary, each visited i % 37 + 1 times, and 60 more frecent ones with the word
     * inside another ("uncommonly"): more matches than the bounded trigram look reads.
     */
    private void commonAndUncommonPages() throws SQLException {
        SearchFixtures.exec(ds,
                """
                        insert into history_place (account_id, guid, url, title, visit_count, last_visit_at)
                        select ?, 'c' || lpad(i::text, 11, '0'), 'https://c' || i || '.example/', case when i <= 1000 then 'Common page ' || i
                               else 'Uncommonly good ' || i end, 1, now() from generate_series(1, 1060) i""",
                alice.account);
        SearchFixtures.exec(ds,
                """
                        insert into history_visit (account_id, place_guid, visited_at, transition)
                        select ?, 'c' || lpad(i::text, 11, '0'), (extract(epoch from now())::bigint - v * 86400) * 1000000, 1
                          from generate_series(1, 1060) i, generate_series(0, 60) v where v < case when i <= 1000 then i % 37 + 1 else 50 end""",
                alice.account);
        alice.scored();
    }

    private String title(String url) {
        try {
            return column("select title from history_place where account_id = ? and url = '" + url.replace("'", "''") + "'")
                    .get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> frecencies(List<String> urls) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String u : urls) {
            out.addAll(
                    column("select frecency from history_place where account_id = ? and url = '" + u.replace("'", "''") + "'"));
        }
        return out;
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = ds.getConnection(); var ps = c.prepareStatement(sql)) {
            ps.setObject(1, alice.account);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    private static void pick(Browser b, String query, String url) {
        b.request().header("X-CSRF-Token", b.csrf).contentType(ContentType.JSON).body(Map.of("query", query, "url", url))
                .post("/api/v1/search/picks").then().statusCode(204);
    }
}
