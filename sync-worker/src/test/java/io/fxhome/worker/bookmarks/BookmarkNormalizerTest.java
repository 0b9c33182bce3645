package io.fxhome.worker.bookmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.json.Json;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.ServerTimestamp;

/** The parent a bookmark row keeps; BookmarkTreeFuzzTest' counterexamples are kept here. */
class BookmarkNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // The shrunk counterexample: a root naming itself was its own child, and the web app's crumbs repeated it.
            "{\"id\":\"menu\",\"type\":\"folder\",\"parentid\":\"menu\",\"children\":[]} | places",
            "{\"id\":\"toolbar\",\"type\":\"folder\",\"parentid\":\"menu\",\"children\":[]} | places",
            "{\"id\":\"mobile\",\"type\":\"folder\",\"children\":[]} | places",
            "{\"id\":\"folderAAAAA\",\"type\":\"folder\",\"parentid\":\"folderAAAAA\",\"children\":[]} | unfiled",
            "{\"id\":\"itemBBBBBBB\",\"type\":\"bookmark\",\"bmkUri\":\"https://b/\"} | unfiled",
            "{\"id\":\"itemBBBBBBB\",\"type\":\"bookmark\",\"parentid\":null} | unfiled",
            "{\"id\":\"itemBBBBBBB\",\"type\":\"bookmark\",\"parentid\":\"missingParent\"} | missingParent",
            "{\"id\":\"itemBBBBBBB\",\"type\":\"bookmark\",\"parentid\":\"toolbar\"} | toolbar" })
    void everyRowHasOneParentAndRootsStayUnderPlaces(String cleartext, String parent) throws IOException {
        ObjectNode o = (ObjectNode) Json.MAPPER.readTree(cleartext);
        DecryptedRecord record = new DecryptedRecord(o.get("id").asText(), ServerTimestamp.parse("1700000000.00"), null,
                o, false, cleartext.getBytes(StandardCharsets.UTF_8));

        assertThat(BookmarkNormalizer.normalize(record))
                .hasValueSatisfying(row -> assertThat(row.parentGuid()).isEqualTo(parent));
    }
}
