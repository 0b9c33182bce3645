package io.fxhome.sync.records;

import static io.fxhome.sync.records.Cleartexts.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tabs cleartext quirks: lastUsed is seconds, written as int, float or string by different clients. */
class TabsRecordTest {

    @ParameterizedTest(name = "lastUsed {0}")
    @CsvSource(delimiter = '|', value = { "1643764207 | 1643764207", "1643764207.918 | 1643764207",
            "\"1643764207\" | 1643764207", "\"1643764207.5\" | 1643764207", "null | 0", "\"soon\" | 0" })
    void lastUsedIsSecondsWhateverItsJsonType(String raw, long seconds) {
        TabsRecord t = TabsRecord.parse("dev", json("{\"id\":\"dev\",\"clientName\":\"Laptop\",\"tabs\":[{\"title\":"
                + "\"T\",\"urlHistory\":[\"https://a/\"],\"icon\":null,\"lastUsed\":" + raw + "}]}"));
        assertThat(t.tabs().get(0).lastUsedSeconds()).isEqualTo(seconds);
        if (seconds > 0) {
            assertThat(t.tabs().get(0).lastUsed()).contains(Instant.ofEpochSecond(seconds));
        } else {
            assertThat(t.tabs().get(0).lastUsed()).isEmpty();
        }
    }

    @Test
    void parsesADesktopRecord() {
        TabsRecord t = TabsRecord.parse("dev", json("{\"id\":\"dev\",\"clientName\":\"Firefox on Laptop\",\"tabs\":["
                + "{\"title\":\"Mozilla\",\"urlHistory\":[\"https://www.mozilla.org/\",\"https://a/\"],"
                + "\"icon\":\"\",\"lastUsed\":1700000000,\"inactive\":false,\"pinned\":true,\"index\":2},"
                + "{\"title\":\"No URL\",\"urlHistory\":[],\"lastUsed\":1},"
                + "null],\"windows\":{\"w1\":{\"id\":\"w1\",\"lastUsed\":1700000000000,\"index\":0,\"windowType\":0}}}"));
        assertThat(t.clientName()).isEqualTo("Firefox on Laptop");
        assertThat(t.tabs()).hasSize(2);
        TabsRecord.RemoteTab first = t.tabs().get(0);
        assertThat(first.url()).contains("https://www.mozilla.org/");
        assertThat(first.icon()).as("empty icon reads as none").isNull();
        assertThat(first.pinned()).isTrue();
        assertThat(first.inactive()).isFalse();
        assertThat(first.index()).isEqualTo(2);
        assertThat(t.tabs().get(1).url()).isEmpty();
        assertThat(t.unknownFields()).containsOnlyKeys("windows");
    }

    @Test
    void aLastUsedAfterTheYear9999ReadsAsUnknown() {
        // RecordParsingFuzzTest: beyond 31556889864403199 s lastUsed() threw (no Instant), beyond the year 9999
        // PostgreSQL refused the device's tabs.
        for (String raw : new String[] { "31556889864403200", "9223372036854775807", "1e300", "253402300800" }) {
            TabsRecord t = TabsRecord.parse("d", json("{\"tabs\":[{\"urlHistory\":[\"https://a/\"],\"lastUsed\":" + raw
                    + "}]}"));
            assertThat(t.tabs().get(0).lastUsed()).as(raw).isEmpty();
        }
        assertThat(TabsRecord.parse("d", json("{\"tabs\":[{\"lastUsed\":253402300799}]}")).tabs().get(0).lastUsed())
                .contains(Instant.parse("9999-12-31T23:59:59Z"));
    }

    @Test
    void missingAndNullDecodeTheSame() {
        assertThat(TabsRecord.parse("d", json("{\"tabs\":[{}]}")))
                .isEqualTo(TabsRecord.parse("d", json("{\"clientName\":null,\"tabs\":[{\"title\":null,"
                        + "\"urlHistory\":null,\"icon\":null,\"lastUsed\":null,\"inactive\":null,\"pinned\":null,"
                        + "\"index\":null}]}")));
    }
}
