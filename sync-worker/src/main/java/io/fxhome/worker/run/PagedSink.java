package io.fxhome.worker.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.RecordSink;
import io.fxhome.sync.storage.SkipReason;

/**
 * Buffers one page of decrypted records and hands it over at the end of the page, when the HTTP body is fully read:
 * so a transaction never spans a network call and memory holds one page, whatever the collection's size. A page whose
 * records add up to more than {@code chunkBytes} of cleartext is handed over in chunks of about that size while its
 * body streams on (each chunk written in its own transaction on another thread, as pages are), so memory is bounded by
 * bytes too, whatever the records' sizes. Writes are idempotent upserts and the collection's high-water mark moves only
 * once every page is committed, so a chunk is as safe as a page, and a 412 restart simply re-applies what comes again.
 */
final class PagedSink implements RecordSink {
    private final String collection;
    private final Consumer<List<DecryptedRecord>> writePage;
    private final List<SkippedRecord> skipped;
    private final Runnable onRestart;
    private final long chunkBytes;
    private List<DecryptedRecord> page = new ArrayList<>();
    private long pageBytes;

    PagedSink(String collection, Consumer<List<DecryptedRecord>> writePage, List<SkippedRecord> skipped, Runnable onRestart,
            long chunkBytes) {
        this.collection = collection;
        this.writePage = writePage;
        this.skipped = skipped;
        this.onRestart = onRestart;
        this.chunkBytes = chunkBytes;
    }

    @Override
    public void accept(DecryptedRecord record) {
        page.add(record);
        pageBytes += record.cleartextUtf8().length;
        if (pageBytes >= chunkBytes) {
            flush();
        }
    }

    @Override
    public void skipped(String id, SkipReason reason) {
        skipped.add(new SkippedRecord(collection, id == null ? "(no id)" : id, reason.name()));
    }

    @Override
    public void restart() {
        page = new ArrayList<>();
        pageBytes = 0;
        onRestart.run();
    }

    @Override
    public void endOfPage(boolean more) {
        flush();
    }

    private void flush() {
        if (!page.isEmpty()) {
            List<DecryptedRecord> full = page;
            page = new ArrayList<>();
            pageBytes = 0;
            writePage.accept(full);
        }
    }
}
