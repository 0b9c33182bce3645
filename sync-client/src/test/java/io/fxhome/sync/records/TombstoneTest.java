package io.fxhome.sync.records;

import static io.fxhome.sync.records.Cleartexts.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.ServerTimestamp;

/** What counts as a deletion marker (application-services: any {@code deleted} member). */
class TombstoneTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = { "{\"id\":\"x\",\"deleted\":true} | true",
            "{\"id\":\"x\",\"deleted\":\"true\"} | true", "{\"id\":\"x\",\"deleted\":1} | true",
            "{\"id\":\"x\",\"deleted\":false} | false", "{\"id\":\"x\",\"deleted\":null} | false",
            "{\"id\":\"x\",\"histUri\":\"https://a/\"} | false" })
    void recognisesTombstones(String cleartext, boolean tombstone) {
        assertThat(Tombstone.isTombstone(json(cleartext))).isEqualTo(tombstone);
        DecryptedRecord r = new DecryptedRecord("x", ServerTimestamp.parse("1.00"), null, (ObjectNode) json(cleartext),
                tombstone, new byte[0]);
        assertThat(Tombstone.from(r).isPresent()).isEqualTo(tombstone);
        Tombstone.from(r).ifPresent(t -> assertThat(t.id()).isEqualTo("x"));
    }
}
