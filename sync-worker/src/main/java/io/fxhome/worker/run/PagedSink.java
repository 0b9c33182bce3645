package io.fxhome.worker.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.RecordSink;
import io.fxhome.sync.storage.SkipReason;

/**
 * Buffers one page of decrypted records and hands it over at the end of the page, when the HTTP body is fully read:
 * so a transaction never spans a network call and memory holds one page, whatever the collection's size. Writes are
 * idempotent upserts, so a 412 restart simply re-applies what comes again.
 */
final class PagedSink implements RecordSink {
    private final String collection;
    private final Consumer<List<DecryptedRecord>> writePage;
    private final List<SkippedRecord> skipped;
    private final Runnable onRestart;
    private List<DecryptedRecord> page = new ArrayList<>();

    PagedSink(String collection, Consumer<List<DecryptedRecord>> writePage, List<SkippedRecord> skipped, Runnable onRestart) {
        this.collection = collection;
        this.writePage = writePage;
        this.skipped = skipped;
        this.onRestart = onRestart;
    }

    @Override
    public void accept(DecryptedRecord record) {
        page.add(record);
    }

    @Override
    public void skipped(String id, SkipReason reason) {
        skipped.add(new SkippedRecord(collection, id == null ? "(no id)" : id, reason.name()));
    }

    @Override
    public void restart() {
        page = new ArrayList<>();
        onRestart.run();
    }

    @Override
    public void endOfPage(boolean more) {
        if (!page.isEmpty()) {
            List<DecryptedRecord> full = page;
            page = new ArrayList<>();
            writePage.accept(full);
        }
    }
}
