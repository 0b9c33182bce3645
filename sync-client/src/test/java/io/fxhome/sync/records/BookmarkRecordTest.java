package io.fxhome.sync.records;

import static io.fxhome.sync.records.Cleartexts.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bookmark cleartext quirks, each pinned with a known answer. */
class BookmarkRecordTest {

    @Test
    void parsesTheRealAndroidBookmarkFromTheVectors() {
        // record.json android-bookmark-0-P9fabp9vJD, decrypted cleartext (an Android Sync upload from 2012).
        BookmarkRecord b = BookmarkRecord.parse("0-P9fabp9vJD", json("{\"id\":\"0-P9fabp9vJD\",\"type\":\"bookmark\","
                + "\"title\":\"Customize Firefox\",\"parentName\":\"Mozilla Firefox\","
                + "\"bmkUri\":\"http://www.mozilla.com/en-US/firefox/customize/\",\"tags\":[],\"keyword\":null,"
                + "\"description\":null,\"loadInSidebar\":false,\"parentid\":\"HAZiMFYmygep\"}"));
        assertThat(b.kind()).isEqualTo(BookmarkKind.BOOKMARK);
        assertThat(b.title()).isEqualTo("Customize Firefox");
        assertThat(b.bmkUri()).isEqualTo("http://www.mozilla.com/en-US/firefox/customize/");
        assertThat(b.parentId()).isEqualTo("HAZiMFYmygep");
        assertThat(b.parentName()).isEqualTo("Mozilla Firefox");
        assertThat(b.tags()).isEmpty();
        assertThat(b.keyword()).isNull();
        assertThat(b.description()).isNull();
        assertThat(b.loadInSidebar()).isFalse();
        assertThat(b.dateAdded()).isNull();
        assertThat(b.unknownFields()).isEmpty();
    }

    @ParameterizedTest(name = "dateAdded {0}")
    @ValueSource(strings = { "1326254123650", "\"1326254123650\"", "1326254123650.0", "\" 1326254123650 \"" })
    void dateAddedIsMillisecondsEvenAsAStringOrFloat(String raw) {
        BookmarkRecord b = BookmarkRecord.parse("x", json("{\"type\":\"bookmark\",\"dateAdded\":" + raw + "}"));
        assertThat(b.dateAdded()).isEqualTo(1326254123650L);
        assertThat(b.dateAddedInstant()).contains(Instant.parse("2012-01-11T03:55:23.650Z"));
    }

    @Test
    void unusableDateAddedReadsAsUnknown() {
        assertThat(BookmarkRecord.parse("x", json("{\"dateAdded\":\"yesterday\"}")).dateAdded()).isNull();
        assertThat(BookmarkRecord.parse("x", json("{\"dateAdded\":0}")).dateAddedInstant()).isEmpty();
    }

    @Test
    void aNumericStringOfAMillionDigitsReadsAsUnknownAtOnce() {
        // Parsed as a BigDecimal it took 2.5 s for 200,000 digits and grows with the square: a payload-sized string
        // would hold a worker's core for minutes.
        String huge = "9".repeat(1_000_000);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThat(
                BookmarkRecord.parse("x", json("{\"dateAdded\":\"" + huge + "\",\"pos\":\"" + huge + "\"}")).dateAdded())
                .isNull());
    }

    @Test
    void aDateAddedAfterTheYear9999ReadsAsUnknown() {
        // RecordParsingFuzzTest' shrunk counterexample: the year 11142, which PostgreSQL refused with the whole page.
        assertThat(BookmarkRecord.parse("x", json("{\"dateAdded\":2.8944668049352444E14}")).dateAddedInstant())
                .isEmpty();
        assertThat(BookmarkRecord.parse("x", json("{\"dateAdded\":9223372036854775807}")).dateAddedInstant()).isEmpty();
        assertThat(BookmarkRecord.parse("x", json("{\"dateAdded\":253402300799999}")).dateAddedInstant())
                .contains(Instant.parse("9999-12-31T23:59:59.999Z"));
    }

    @Test
    void explicitNullsAndMissingFieldsDecodeTheSame() {
        BookmarkRecord missing = BookmarkRecord.parse("abc", json("{\"id\":\"abc\",\"type\":\"folder\"}"));
        BookmarkRecord nulls = BookmarkRecord.parse("abc", json("{\"id\":\"abc\",\"type\":\"folder\",\"parentid\":null,"
                + "\"parentName\":null,\"dateAdded\":null,\"hasDupe\":null,\"title\":null,\"bmkUri\":null,"
                + "\"description\":null,\"tags\":null,\"keyword\":null,\"loadInSidebar\":null,\"folderName\":null,"
                + "\"queryId\":null,\"children\":null,\"feedUri\":null,\"siteUri\":null,\"pos\":null}"));
        assertThat(nulls).isEqualTo(missing);
        assertThat(missing.children()).isEmpty();
        assertThat(missing.tags()).isEmpty();
    }

    @Test
    void foldersKeepChildOrderAndRootsMapToLocalGuids() {
        BookmarkRecord menu = BookmarkRecord.parse("menu", json("{\"id\":\"menu\",\"type\":\"folder\",\"parentid\":"
                + "\"places\",\"title\":\"Bookmarks Menu\",\"children\":[\"c3\",\"c1\",null,\"c2\"]}"));
        assertThat(menu.kind().isFolderLike()).isTrue();
        assertThat(menu.children()).containsExactly("c3", "c1", "c2");
        assertThat(BookmarkRoots.isRoot(menu.id())).isTrue();
        assertThat(BookmarkRoots.localGuid("menu")).isEqualTo("menu________");
        assertThat(BookmarkRoots.localGuid("toolbar")).isEqualTo("toolbar_____");
        assertThat(BookmarkRoots.localGuid("unfiled")).isEqualTo("unfiled_____");
        assertThat(BookmarkRoots.localGuid("mobile")).isEqualTo("mobile______");
        assertThat(BookmarkRoots.localGuid("places")).isEqualTo("root________");
        assertThat(BookmarkRoots.localGuid("abcdefghijkl")).isEqualTo("abcdefghijkl");
    }

    @Test
    void everyKindParses() {
        BookmarkRecord query = BookmarkRecord.parse("q", json("{\"type\":\"query\",\"title\":\"Most Visited\","
                + "\"bmkUri\":\"place:sort=8&maxResults=10\",\"folderName\":\"news\",\"queryId\":\"MostVisited\","
                + "\"tags\":[\"a\",\"b\"]}"));
        assertThat(query.kind()).isEqualTo(BookmarkKind.QUERY);
        assertThat(query.bmkUri()).startsWith("place:");
        assertThat(query.folderName()).isEqualTo("news");
        assertThat(query.queryId()).isEqualTo("MostVisited");
        assertThat(query.tags()).containsExactly("a", "b");

        BookmarkRecord live = BookmarkRecord.parse("l", json("{\"type\":\"livemark\",\"title\":\"News\","
                + "\"feedUri\":\"https://example.com/rss\",\"siteUri\":\"https://example.com/\",\"children\":[]}"));
        assertThat(live.kind()).isEqualTo(BookmarkKind.LIVEMARK);
        assertThat(live.feedUri()).isEqualTo("https://example.com/rss");
        assertThat(live.siteUri()).isEqualTo("https://example.com/");

        // The docs say pos is a string; Firefox writes an integer. Both read as an integer.
        assertThat(BookmarkRecord.parse("s", json("{\"type\":\"separator\",\"pos\":\"3\"}")).pos()).isEqualTo(3);
        assertThat(BookmarkRecord.parse("s", json("{\"type\":\"separator\",\"pos\":3}")).pos()).isEqualTo(3);

        BookmarkRecord withKeyword = BookmarkRecord.parse("k", json("{\"type\":\"bookmark\",\"keyword\":\"wp\","
                + "\"bmkUri\":\"https://en.wikipedia.org/wiki/%s\",\"hasDupe\":true}"));
        assertThat(withKeyword.keyword()).isEqualTo("wp");
        assertThat(withKeyword.hasDupe()).isTrue();

        assertThat(BookmarkRecord.parse("m", json("{\"type\":\"microsummary\"}")).kind())
                .isEqualTo(BookmarkKind.MICROSUMMARY);
        assertThat(BookmarkRecord.parse("i", json("{\"type\":\"item\"}")).kind()).isEqualTo(BookmarkKind.ITEM);
        BookmarkRecord future = BookmarkRecord.parse("f", json("{\"type\":\"hologram\"}"));
        assertThat(future.kind()).isEqualTo(BookmarkKind.UNKNOWN);
        assertThat(future.type()).isEqualTo("hologram");
    }

    @Test
    void unknownFieldsAreKeptAndLegacyFieldsTolerated() {
        BookmarkRecord b = BookmarkRecord.parse("x", json("{\"type\":\"bookmark\",\"predecessorid\":\"p\","
                + "\"generatorUri\":\"g\",\"futureField\":{\"a\":1},\"flag\":true}"));
        assertThat(b.unknownFields()).containsOnlyKeys("futureField", "flag");
        assertThat(b.unknownFields().get("futureField").get("a").asInt()).isEqualTo(1);
    }

    @Test
    void desktopJunkIdsAreRecognised() {
        assertThat(BookmarkRecord.parse("pinned", json("{\"type\":\"folder\"}")).isJunk()).isTrue();
        assertThat(BookmarkRecord.parse("places", json("{\"type\":\"folder\"}")).isJunk()).isTrue();
        assertThat(BookmarkRecord.parse("x", json("{\"parentid\":\"readinglist\"}")).isJunk()).isTrue();
        assertThat(BookmarkRecord.parse("x", json("{\"parentid\":\"menu\"}")).isJunk()).isFalse();
    }

    @Test
    void theCleartextIdWinsAndTheBsoIdFillsIn() {
        assertThat(BookmarkRecord.parse("bso", json("{\"type\":\"bookmark\"}")).id()).isEqualTo("bso");
        assertThat(BookmarkRecord.parse("bso", json("{\"id\":\"bso\"}")).id()).isEqualTo("bso");
    }
}
