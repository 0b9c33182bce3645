package io.fxhome.worker.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import io.fxhome.sync.client.SyncClient;
import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.DownloadRequest;
import io.fxhome.sync.storage.DownloadResult;
import io.fxhome.sync.storage.ServerTimestamp;
import io.fxhome.sync.storage.SortOrder;
import io.fxhome.worker.bookmarks.BookmarkNormalizer;
import io.fxhome.worker.bookmarks.BookmarkRow;
import io.fxhome.worker.bookmarks.BookmarkWriter;
import io.fxhome.worker.db.PlannerStatistics;
import io.fxhome.worker.db.SearchIndexes;
import io.fxhome.worker.db.Transactions;
import io.fxhome.worker.devices.DeviceNormalizer;
import io.fxhome.worker.devices.DeviceRow;
import io.fxhome.worker.devices.DeviceWriter;
import io.fxhome.worker.history.HistoryNormalizer;
import io.fxhome.worker.history.HistoryPlaceRow;
import io.fxhome.worker.history.HistoryWriter;
import io.fxhome.worker.tabs.DeviceTabsRow;
import io.fxhome.worker.tabs.TabsNormalizer;
import io.fxhome.worker.tabs.TabsWriter;

/**
 * Downloads one collection and writes it, page by page, each page in its own transaction. Bookmarks, tabs and devices
 * mirror the server; history merges (see HistoryWriter).
 */
final class CollectionSyncs {
    private final SyncClient client;
    private final CollectionKeys keys;
    private final Transactions tx;
    private final PlannerStatistics statistics;
    private final UUID accountId;
    private final int pageSize;
    private final int maxRecordBytes;
    private final long chunkBytes;
    private final Semaphore extraWriters;
    private final SyncRunRecorder run;
    /** Records a collection holds, when known: the denominator of the progress the web app shows. */
    private Function<String, Long> expected = collection -> null;

    /**
     * @param maxRecordBytes the largest record decrypted (larger ones are skipped)
     * @param chunkBytes cleartext bytes of a page held before they are written (see PagedSink)
     */
    CollectionSyncs(SyncClient client, CollectionKeys keys, Transactions tx, UUID accountId, int pageSize,
            int maxRecordBytes, long chunkBytes, Semaphore extraWriters, SyncRunRecorder run) {
        this.client = client;
        this.keys = keys;
        this.tx = tx;
        this.statistics = new PlannerStatistics(tx);
        this.accountId = accountId;
        this.pageSize = pageSize;
        this.maxRecordBytes = maxRecordBytes;
        this.chunkBytes = chunkBytes;
        this.extraWriters = extraWriters;
        this.run = run;
    }

    void expectCounts(Map<String, Long> counts) {
        expected = counts::get;
    }

    /** History since {@code newer} (null: everything), oldest first so an interrupted download resumes cleanly. */
    DownloadResult history(ServerTimestamp newer) {
        run.progress("history", expected.apply("history"));
        // Into an empty archive (a first sync) pages are appended, not merged, until the download restarts (a 412:
        // records may then come again). A download since a mark merges without asking: it may find the archive empty
        // (an account whose history was empty so far), where a merge is as right, and it is most syncs.
        AtomicBoolean append = new AtomicBoolean(
                newer == null && tx.inTransaction(c -> HistoryWriter.archiveEmpty(c, accountId)));
        // History pages commute (each merges; a record appears once per download, and a restart drains first), so
        // they may be written over several connections at once.
        AtomicInteger pagesWritten = new AtomicInteger();
        // The most pages committed when a check ran (each page's check follows its commit).
        AtomicInteger checkedAfter = new AtomicInteger();
        DownloadResult result = download("history", newer, new PageWritePipeline(extraWriters), page -> {
            List<HistoryPlaceRow> places = new ArrayList<>(page.size());
            List<String> tombstones = new ArrayList<>();
            for (DecryptedRecord r : page) {
                if (r.tombstone()) {
                    tombstones.add(r.id());
                } else {
                    HistoryNormalizer.normalize(r).ifPresentOrElse(places::add,
                            () -> run.skipped(new SkippedRecord("history", r.id(), "NO_URL")));
                }
            }
            tx.inPageTransaction(c -> {
                HistoryWriter writer = new HistoryWriter(c);
                run.applied(append.get() ? writer.append(accountId, places) : writer.write(accountId, places));
                run.deleted(writer.delete(accountId, tombstones));
                return null;
            });
            // After pages 1, 2, 4, 8, …: the statistics lag at most twice as far behind as with a check after every
            // page (a catalog query and a transaction each, on the writer's connection slot), and the download's end
            // checks once more if pages were written after the last check.
            int written = pagesWritten.incrementAndGet();
            if (Integer.bitCount(written) == 1) {
                statistics.refreshIfStale("history_place", "history_visit");
                checkedAfter.accumulateAndGet(written, Math::max);
            }
            run.advance(page.size());
        }, () -> append.set(false));
        if (checkedAfter.get() < pagesWritten.get()) {
            statistics.refreshIfStale("history_place", "history_visit");
        }
        if (newer == null) {
            // A full download (a first sync, above all) leaves its last rows in the trigram indexes' pending lists,
            // which every search would read whole until autovacuum comes: merged once, now. Bookmarks too: history
            // pages pass their scores on to their bookmarks, whose rows then enter their index's list again.
            SearchIndexes.mergePending(tx, SearchIndexes.HISTORY_MATCH);
            SearchIndexes.mergePending(tx, SearchIndexes.BOOKMARK_MATCH);
            // And the new pages all-visible, so that the search's frecency walks read the index alone (autovacuum
            // would not come for one account's rows in a large installation).
            SearchIndexes.markVisible(tx, SearchIndexes.HISTORY_TABLE);
            SearchIndexes.markVisible(tx, SearchIndexes.BOOKMARK_TABLE);
        }
        return result;
    }

    /**
     * Bookmarks since {@code newer}; with {@code newer} null it is a full download, after which rows the server no
     * longer has are removed (bookmarks mirror the server).
     */
    DownloadResult bookmarks(ServerTimestamp newer) {
        run.progress("bookmarks", expected.apply("bookmarks"));
        Set<String> live = ConcurrentHashMap.newKeySet();
        // Bookmark pages commute as history pages do (each upserts or deletes its own records; positions and scores
        // are settled once the download is complete), so they too may be written over several connections.
        DownloadResult result = download("bookmarks", newer, new PageWritePipeline(extraWriters), page -> {
            List<BookmarkRow> rows = new ArrayList<>(page.size());
            List<String> tombstones = new ArrayList<>();
            for (DecryptedRecord r : page) {
                if (r.tombstone()) {
                    tombstones.add(r.id());
                    continue;
                }
                Optional<BookmarkRow> row = BookmarkNormalizer.normalize(r);
                row.ifPresentOrElse(b -> {
                    rows.add(b);
                    live.add(b.guid());
                }, () -> run.skipped(new SkippedRecord("bookmarks", r.id(), "IGNORED_TYPE")));
            }
            tx.inPageTransaction(c -> {
                BookmarkWriter writer = new BookmarkWriter(c);
                run.applied(writer.write(accountId, rows));
                run.deleted(writer.delete(accountId, tombstones));
                return null;
            });
            run.advance(page.size());
        }, live::clear);
        // Once every page is in: analyzed while other writers' pages were still uncommitted, the table would be
        // described by its pages with a fraction of their rows, and the history download's look-ups planned on that.
        statistics.refreshIfStale("bookmark");
        tx.inTransaction(c -> {
            BookmarkWriter writer = new BookmarkWriter(c);
            if (newer == null) {
                run.deleted(writer.deleteAllExcept(accountId, live));
            }
            writer.reposition(accountId);
            return null;
        });
        if (newer == null) {
            // As for history (above): a full download's last bookmarks, merged into the trigram index once.
            SearchIndexes.mergePending(tx, SearchIndexes.BOOKMARK_MATCH);
            SearchIndexes.markVisible(tx, SearchIndexes.BOOKMARK_TABLE);
        }
        return result;
    }

    /**
     * The clients collection, always in full: records expire without tombstones. Held whole (it replaces every row at
     * once), within its budget.
     */
    DownloadResult clients() {
        run.progress("clients", expected.apply("clients"));
        List<DeviceRow> devices = new ArrayList<>();
        long[] held = new long[1];
        DownloadResult result = download("clients", null, page -> withinBudget("clients", page, held).stream()
                .filter(r -> !r.tombstone()).map(DeviceNormalizer::normalize).forEach(devices::add), () -> {
                    devices.clear();
                    held[0] = 0;
                });
        tx.inTransaction(c -> {
            run.deleted(new DeviceWriter(c).replaceAll(accountId, devices));
            return null;
        });
        run.applied(devices.size());
        return result;
    }

    /**
     * The tabs collection, in full: one small record per device, each replacing that device's tabs. Held whole, within
     * its budget.
     */
    DownloadResult tabs() {
        run.progress("tabs", expected.apply("tabs"));
        List<DeviceTabsRow> devices = new ArrayList<>();
        long[] held = new long[1];
        DownloadResult result = download("tabs", null, page -> withinBudget("tabs", page, held).stream()
                .filter(r -> !r.tombstone()).map(TabsNormalizer::normalize).forEach(devices::add), () -> {
                    devices.clear();
                    held[0] = 0;
                });
        tx.inTransaction(c -> new TabsWriter(c).replaceAll(accountId, devices));
        run.applied(devices.size());
        return result;
    }

    /**
     * The records of a page that a collection held whole (clients, tabs: each replaces all its rows at once) can still
     * keep: {@code 4 × page-chunk-bytes} of cleartext in all (16 MiB by default; Firefox uploads one record per device,
     * its tabs record under 512 KB). Past that, records are skipped and counted, never held: a hostile server cannot
     * grow them without bound.
     */
    private List<DecryptedRecord> withinBudget(String collection, List<DecryptedRecord> page, long[] held) {
        List<DecryptedRecord> kept = new ArrayList<>(page.size());
        for (DecryptedRecord r : page) {
            if (held[0] + r.cleartextUtf8().length > 4 * chunkBytes) {
                run.skipped(new SkippedRecord(collection, r.id(), "OVER_COLLECTION_BUDGET"));
                continue;
            }
            held[0] += r.cleartextUtf8().length;
            kept.add(r);
        }
        return kept;
    }

    private DownloadResult download(String collection, ServerTimestamp newer,
            Consumer<List<DecryptedRecord>> writePage, Runnable onRestart) {
        return download(collection, newer, new PageWritePipeline(), writePage, onRestart);
    }

    private DownloadResult download(String collection, ServerTimestamp newer, PageWritePipeline writes,
            Consumer<List<DecryptedRecord>> writePage, Runnable onRestart) {
        DownloadRequest request = new DownloadRequest(collection, Optional.ofNullable(newer), SortOrder.OLDEST, pageSize,
                true, maxRecordBytes);
        return PageWrites.download(collection, writes, run.skippedRecords(), onRestart, chunkBytes,
                sink -> client.download(request, keys, sink), writePage);
    }
}
