package io.fxhome.worker.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fxhome.sync.json.Json;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.ServerTimestamp;
import io.fxhome.sync.storage.SkipReason;

/** A page is handed over whole when small, in chunks of about chunkBytes of cleartext when its records are large. */
class PagedSinkTest {
    private final List<List<String>> written = new ArrayList<>();
    private final List<SkippedRecord> skipped = new ArrayList<>();
    private int restarts;

    private PagedSink sink(long chunkBytes) {
        return new PagedSink("history", page -> written.add(page.stream().map(DecryptedRecord::id).toList()), skipped,
                () -> restarts++, chunkBytes);
    }

    private static DecryptedRecord record(String id, int bytes) {
        return new DecryptedRecord(id, ServerTimestamp.parse("1700000000.00"), null, Json.object(), false,
                new byte[bytes]);
    }

    @Test
    void aPageOfSmallRecordsIsWrittenWholeAtItsEnd() {
        PagedSink sink = sink(1000);
        sink.accept(record("a", 10));
        sink.accept(record("b", 10));
        assertThat(written).isEmpty();
        sink.endOfPage(true);
        sink.endOfPage(false);
        assertThat(written).containsExactly(List.of("a", "b"));
    }

    @Test
    void aPageOfLargeRecordsIsWrittenInChunksWhileItStreams() {
        PagedSink sink = sink(100);
        for (String id : List.of("a", "b", "c", "d", "e")) {
            sink.accept(record(id, 40));
        }
        // 120 bytes after the third record: handed over before the page ended.
        assertThat(written).containsExactly(List.of("a", "b", "c"));
        sink.endOfPage(false);
        assertThat(written).containsExactly(List.of("a", "b", "c"), List.of("d", "e"));
        sink.skipped("f", SkipReason.TOO_LARGE);
        assertThat(skipped).containsExactly(new SkippedRecord("history", "f", "TOO_LARGE"));
    }

    @Test
    void aRestartDropsTheChunkBeingFilled() {
        PagedSink sink = sink(100);
        sink.accept(record("a", 60));
        sink.restart();
        sink.accept(record("a", 60));
        sink.accept(record("b", 60));
        assertThat(restarts).isOne();
        assertThat(written).containsExactly(List.of("a", "b"));
    }
}
