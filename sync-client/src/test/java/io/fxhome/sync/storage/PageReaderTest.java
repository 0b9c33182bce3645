package io.fxhome.sync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.testsupport.SyncFixtures;

/** A page read example by example; PageReaderFuzzTest' counterexamples are kept here. */
class PageReaderTest {
    private static final KeyBundle KEYS = KeyBundle.random(SyncFixtures.RANDOM);
    private static final String GOOD = SyncFixtures.encryptedBso(KEYS, "good", "1700000000.25", 1,
            SyncFixtures.historyCleartext("good", "https://good.example/", 1_700_000_000_000_000L)).toString();

    @ParameterizedTest
    @ValueSource(strings = { "{\"id\":{}}", "{\"id\":[\"x\"],\"payload\":{\"id\":\"good\"}}",
            "{\"id\":\"h\",\"modified\":[1,[2]],\"payload\":\"{}\"}", "{\"id\":\"h\",\"sortindex\":{\"a\":[]}}" })
    void aBsoFieldHoldingAnObjectOrArrayCostsOnlyItsRecord(String hostile) throws IOException {
        // The shrunk counterexample was {"id":{}}: its members were read as the BSO's and counted twice; an array
        // ended the page early, and every record after it was lost without a word.
        Collected sink = new Collected();
        new PageReader(KEYS, sink).read(page("[" + hostile + "," + GOOD + "]"), true);

        assertThat(sink.delivered).containsExactly("good");
        assertThat(sink.skipped).containsExactly(SkipReason.BAD_BSO);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 65, 3000 })
    void anIdMozillasStorageWouldRefuseCostsOnlyItsRecordAndIsNotRepeated(int length) throws IOException {
        // syncstorage-rs accepts ids of 1 to 64 printable ASCII characters; a longer one can only come from a broken
        // or compromised server, and would not fit the indexes of the mirror's id columns.
        String id = "x".repeat(length);
        String hostile = SyncFixtures.encryptedBso(KEYS, id, "1700000000.25", 1,
                SyncFixtures.historyCleartext(id, "https://bad.example/", 1_700_000_000_000_000L)).toString();
        Collected sink = new Collected();
        new PageReader(KEYS, sink).read(page("[" + hostile + "," + GOOD + "]"), true);

        assertThat(sink.delivered).containsExactly("good");
        assertThat(sink.skipped).containsExactly(SkipReason.BAD_BSO);
        assertThat(sink.skippedIds).containsExactly((String) null);
    }

    @ParameterizedTest
    @ValueSource(strings = { "a", "0123456789012345678901234567890123456789012345678901234567890123", " ~", "menu" })
    void idsMozillasStorageAcceptsAreValid(String id) {
        assertThat(BsoDecoder.validId(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "tab\there", "caf\u00e9", "nul\u0000" })
    void idsMozillasStorageRefusesAreNot(String id) {
        assertThat(BsoDecoder.validId(id)).isFalse();
    }

    @Test
    void aPageBeyondTheParsersLimitsFailsAsAWhole() {
        // Only a storage server writes the page around the payloads (ids, times and sortindexes it checked): a
        // number of 1,001 digits there is no record to skip but a broken server. The download fails and is retried.
        PageReader reader = new PageReader(KEYS, record -> {
        });

        assertThatThrownBy(() -> reader.read(page("[" + GOOD + ",[1" + "0".repeat(1000) + "]]"), true))
                .isInstanceOf(JsonProcessingException.class);
    }

    private static ByteArrayInputStream page(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** What a page delivered and skipped, in order. */
    private static final class Collected implements RecordSink {
        final List<String> delivered = new ArrayList<>();
        final List<String> skippedIds = new ArrayList<>();
        final List<SkipReason> skipped = new ArrayList<>();

        @Override
        public void accept(DecryptedRecord record) {
            delivered.add(record.id());
        }

        @Override
        public void skipped(String id, SkipReason reason) {
            skippedIds.add(id);
            skipped.add(reason);
        }
    }
}
