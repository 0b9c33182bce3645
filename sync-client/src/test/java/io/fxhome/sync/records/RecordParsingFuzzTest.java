package io.fxhome.sync.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.fuzz.testing.Fuzz;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.ServerTimestamp;
import io.fxhome.sync.testsupport.HostileJson;

/**
 * Fuzzing ({@link Fuzz}, {@value #TRIES} tries by default): every typed record reads any cleartext object a hostile or broken
 * client can upload, and what it
 * gives back can be used as is: ids never null, list elements never null, instants within what the mirror can store.
 */
class RecordParsingFuzzTest {
    /** The last instant ISO-8601 writes without a sign (PostgreSQL and the web app read it). */
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    static final int TRIES = 200;

    @Test
    void everyParserReadsAnyCleartext() {
        Fuzz.forAll(TRIES, HostileJson.records(), RecordParsingFuzzTest::everyParserReads);
    }

    private static void everyParserReads(ObjectNode cleartext) {
        DecryptedRecord record = new DecryptedRecord("bsoId", ServerTimestamp.parse("1700000000.00"), null, cleartext,
                Tombstone.isTombstone(cleartext), new byte[0]);

        BookmarkRecord b = BookmarkRecord.from(record);
        assertThat(b.id()).isNotNull();
        assertThat(b.kind()).isNotNull();
        assertThat(b.children()).doesNotContainNull();
        assertThat(b.tags()).doesNotContainNull();
        b.dateAddedInstant().ifPresent(t -> assertThat(t).isBetween(Instant.EPOCH, LATEST));
        b.isJunk();

        HistoryRecord h = HistoryRecord.from(record);
        assertThat(h.id()).isNotNull();
        h.visits().forEach(v -> assertThat(v.instant()).isAfter(Instant.EPOCH));

        TabsRecord t = TabsRecord.from(record);
        assertThat(t.id()).isNotNull();
        t.tabs().forEach(tab -> {
            assertThat(tab.urlHistory()).doesNotContainNull();
            tab.url();
            tab.lastUsed().ifPresent(used -> assertThat(used).isBetween(Instant.EPOCH, LATEST));
        });

        ClientRecord c = ClientRecord.from(record);
        assertThat(c.id()).isNotNull();
        c.deviceType();
        c.commands().forEach(command -> assertThat(command.args()).doesNotContainNull());

        Tombstone.from(record).ifPresent(gone -> assertThat(gone.id()).isNotNull());
    }
}
