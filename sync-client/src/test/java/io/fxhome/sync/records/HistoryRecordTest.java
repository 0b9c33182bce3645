package io.fxhome.sync.records;

import static io.fxhome.sync.records.Cleartexts.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** History cleartext quirks. */
class HistoryRecordTest {

    @Test
    void parsesTheApplicationServicesVector() {
        // record.json sync15-history-5qRsgXWRJZXr (application-services key_bundle.rs), decrypted.
        HistoryRecord h = HistoryRecord.parse("5qRsgXWRJZXr", json("{\"id\":\"5qRsgXWRJZXr\",\"histUri\":"
                + "\"file:///Users/jason/Library/Application%20Support/Firefox/Profiles/ksgd7wpk.LocalSyncServer/weave/logs/\","
                + "\"title\":\"Index of file:///Users/jason/Library/Application Support/Firefox/Profiles/"
                + "ksgd7wpk.LocalSyncServer/weave/logs/\",\"visits\":[{\"date\":1319149012372425,\"type\":1}]}"));
        assertThat(h.id()).isEqualTo("5qRsgXWRJZXr");
        assertThat(h.histUri()).startsWith("file:///Users/jason/");
        assertThat(h.visits()).containsExactly(new HistoryRecord.Visit(1319149012372425L, 1));
        // Visit dates are microseconds.
        assertThat(h.visits().get(0).instant()).isEqualTo(Instant.parse("2011-10-20T22:16:52.372425Z"));
        assertThat(h.droppedVisits()).isZero();
    }

    @Test
    void nullAndMissingTitlesAreTheSame() {
        HistoryRecord a = HistoryRecord.parse("x", json("{\"histUri\":\"https://a/\",\"visits\":[]}"));
        HistoryRecord b = HistoryRecord.parse("x", json("{\"histUri\":\"https://a/\",\"title\":null,\"visits\":null}"));
        assertThat(a).isEqualTo(b);
        assertThat(a.title()).isNull();
        assertThat(a.visits()).isEmpty();
    }

    @Test
    void visitDatesAreLenientAndUnusableVisitsAreCounted() {
        HistoryRecord h = HistoryRecord.parse("x", json("{\"histUri\":\"https://a/\",\"visits\":["
                + "{\"date\":\"1439366063808983\",\"type\":2},"
                + "{\"date\":1439366063808984.0,\"type\":\"5\"},"
                + "{\"date\":1439366063808985},"
                + "{\"type\":1},"
                + "{\"date\":0,\"type\":1},"
                + "\"garbage\","
                + "{\"date\":1439366063808986,\"type\":9,\"transition\":1}]}"));
        assertThat(h.visits()).containsExactly(new HistoryRecord.Visit(1439366063808983L, 2),
                new HistoryRecord.Visit(1439366063808984L, 5), new HistoryRecord.Visit(1439366063808986L, 9));
        assertThat(h.droppedVisits()).isEqualTo(4);
    }

    @Test
    void unknownFieldsAreKept() {
        HistoryRecord h = HistoryRecord.parse("x", json("{\"histUri\":\"https://a/\",\"visits\":[],\"sortindex\":3}"));
        assertThat(h.unknownFields()).containsOnlyKeys("sortindex");
    }
}
