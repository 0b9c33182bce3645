package io.fxhome.worker.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;

import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.DownloadResult;
import io.fxhome.sync.storage.RecordSink;

/**
 * A collection's download written page by page, as a sync writes it: the records go into a {@link PagedSink} whose
 * pages are written by a {@link PageWritePipeline}, and every page is committed before the download counts as done.
 * One place for this, so that the warm-up on start (io.fxhome.worker.warmup) runs its synthetic pages through the very
 * classes a sync does: the JIT's compiled code for the page reader assumes the sink classes it has seen, and is thrown
 * away when another one turns up (docs/benchmarks.md, "Cold and warm, measured method by method").
 */
public final class PageWrites {
    private PageWrites() {
    }

    /**
     * For the warm-up: {@code download} run into the sync's sink and writers ({@code extraWriters}' permits as a
     * history download takes them); records skipped are not kept.
     */
    public static DownloadResult download(String collection, Semaphore extraWriters, long chunkBytes,
            Function<RecordSink, DownloadResult> download, Consumer<List<DecryptedRecord>> writePage) {
        return download(collection, new PageWritePipeline(extraWriters), new ArrayList<>(), () -> {
        }, chunkBytes, download, writePage);
    }

    /**
     * @param onRestart after the writes in flight have ended, when the download restarts (a 412)
     * @param chunkBytes cleartext bytes of a page held before they are written (see PagedSink)
     */
    static DownloadResult download(String collection, PageWritePipeline writes, List<SkippedRecord> skipped,
            Runnable onRestart, long chunkBytes, Function<RecordSink, DownloadResult> download,
            Consumer<List<DecryptedRecord>> writePage) {
        try (PageWritePipeline pipeline = writes) {
            PagedSink sink = new PagedSink(collection, page -> pipeline.submit(() -> writePage.accept(page)), skipped, () -> {
                pipeline.drain();
                onRestart.run();
            }, chunkBytes);
            DownloadResult result = download.apply(sink);
            sink.endOfPage(false);
            // Every page is committed before the caller moves the high-water mark.
            pipeline.drain();
            return result;
        }
    }
}
