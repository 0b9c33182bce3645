package io.fxhome.worker.warmup;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.hawk.NonceSource;
import io.fxhome.sync.http.BackoffTracker;
import io.fxhome.sync.http.HttpTransport;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.DownloadRequest;
import io.fxhome.sync.storage.SortOrder;
import io.fxhome.sync.storage.StorageClient;
import io.fxhome.sync.storage.StorageSession;
import io.fxhome.upstream.UpstreamConfig;
import io.fxhome.worker.bookmarks.BookmarkNormalizer;
import io.fxhome.worker.bookmarks.BookmarkRow;
import io.fxhome.worker.bookmarks.BookmarkWriter;
import io.fxhome.worker.config.MemorySize;
import io.fxhome.worker.config.WorkerConfig;
import io.fxhome.worker.db.DatabaseException;
import io.fxhome.worker.db.SearchIndexes;
import io.fxhome.worker.history.HistoryNormalizer;
import io.fxhome.worker.history.HistoryPlaceRow;
import io.fxhome.worker.history.HistoryWriter;
import io.fxhome.worker.run.PageWrites;
import io.fxhome.worker.tabs.DeviceTabsRow;
import io.fxhome.worker.tabs.TabsNormalizer;
import io.fxhome.worker.tabs.TabsWriter;
import io.quarkus.logging.Log;

/**
 * Runs synthetic pages through a sync's hot path before the worker takes jobs, so that the JIT compiles it then and
 * not during a user's first sync (docs/benchmarks.md: a restarted worker's first sync cost 2.4–4 times a warm one's
 * CPU, most of it compilation). The pages are served by a storage server inside this process ({@link LoopbackStorage},
 * on 127.0.0.1) and downloaded as a sync downloads them: the worker's HTTP client, Hawk signing, the streamed,
 * verified and decrypted reads of the page reader into the sync's own sink and page-write pipeline ({@link PageWrites}),
 * the normalisers and the writers a sync uses (COPY, merge, upsert), for an account made up for the purpose, in a
 * transaction that is rolled back: no row is left in any table. Then it waits, within its time, for the JIT's queue
 * to empty. The keys are generated here; no account's secrets are read.
 *
 * <p>
 * Why it must be the sync's own classes (measured with a recording of the JIT's compilations, docs/benchmarks.md, "Cold
 * and warm, measured method by method"): the first warm-up fed the page reader from byte arrays into a sink of its own,
 * and the code compiled for that was thrown away and compiled again when the first sync brought another sink and the
 * HTTP client's streams; and its 10,000 appended history records were too few for the largest method of a first sync,
 * {@code HistoryWriter.append}, to be compiled at all.
 */
@ApplicationScoped
public class WarmUp {
    private static final int PAGE = 1000;

    private final DataSource dataSource;
    private final WorkerConfig.WarmUp config;
    private final HttpTransport http;
    private final int extraWriters;
    private final long chunkBytes;
    private final int maxRecordBytes;

    public WarmUp(DataSource dataSource, WorkerConfig config, UpstreamConfig upstream) {
        this.dataSource = dataSource;
        this.config = config.warmUp();
        this.http = UpstreamConfig.httpTransport(upstream);
        this.extraWriters = config.extraHistoryWriters();
        this.chunkBytes = MemorySize.parse(config.pageChunkBytes(), "fxhome.worker.page-chunk-bytes");
        this.maxRecordBytes = (int) MemorySize.parse(config.maxRecordBytes(), "fxhome.worker.max-record-bytes");
    }

    /**
     * What one warm-up did.
     *
     * @param written rows the writers reported written (then rolled back)
     * @param queued compilations still queued or under way when it ended (0: the JIT's queue was empty)
     */
    public record Result(int records, int pages, int written, Duration took, int queued) {
    }

    /** Runs the warm-up if enabled, and logs what it did in one line. */
    public void runIfEnabled() {
        if (!config.enabled()) {
            Log.info("warm-up: disabled (fxhome.worker.warm-up.enabled=false)");
            return;
        }
        try {
            Result r = run(config.records(), config.maxDuration());
            Log.infof("warm-up: %d synthetic records in %d pages in %d ms (%s), before taking jobs", r.records(),
                    r.pages(), r.took().toMillis(), r.queued() == 0 ? "the JIT's queue empty"
                            : r.queued() < 0 ? "the JIT's queue unknown" : r.queued() + " compilations still queued");
        } catch (RuntimeException e) {
            // A failed warm-up costs the first sync its speed, never the worker its jobs.
            Log.warnf("warm-up failed, the worker starts cold: %s", e.toString());
        }
    }

    /**
     * Runs about {@code records} synthetic records (nine in ten history, the rest bookmarks, and five devices' tabs)
     * through the sync path, then waits for the JIT's queue to empty; the server offers no further page once
     * {@code maxDuration} has passed, and the wait ends then too.
     */
    public Result run(int records, Duration maxDuration) {
        long start = System.nanoTime();
        long deadline = start + maxDuration.toNanos();
        BooleanSupplier inTime = () -> System.nanoTime() < deadline;
        byte[] tag = new byte[6];
        SecureRandom random = new SecureRandom();
        random.nextBytes(tag);
        SyntheticPages pages = new SyntheticPages(KeyBundle.random(random), HexFormat.of().formatHex(tag));
        CollectionKeys keys = new CollectionKeys(pages.keys(), Map.of());
        int historyRecords = records - records / 10;
        AtomicInteger done = new AtomicInteger();
        AtomicInteger pageCount = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        Map<String, Integer> collections = Map.of("history", historyRecords, "bookmarks", records - historyRecords,
                "tabs", 5);
        try (LoopbackStorage server = new LoopbackStorage(pages, collections, inTime)) {
            byte[] hawkKey = new byte[32];
            random.nextBytes(hawkKey);
            Clock clock = Clock.systemUTC();
            StorageClient client = new StorageClient(http,
                    StorageSession.fixed(server.token(HexFormat.of().formatHex(hawkKey))),
                    new HawkSigner(clock, NonceSource.secureRandom()), new BackoffTracker(clock), clock);
            Semaphore writers = new Semaphore(extraWriters);
            if (inTime.getAsBoolean()) {
                // A first sync appends every history page; a later one merges: one page in four merges here.
                download(client, keys, "history", writers, page -> {
                    List<HistoryPlaceRow> places = new ArrayList<>(page.size());
                    page.forEach(r -> HistoryNormalizer.normalize(r).ifPresent(places::add));
                    boolean append = pageCount.getAndIncrement() % 4 != 1;
                    written.addAndGet(rolledBack((c, account) -> {
                        HistoryWriter writer = new HistoryWriter(c);
                        return append ? writer.append(account, places) : writer.write(account, places);
                    }));
                    done.addAndGet(page.size());
                });
            }
            if (inTime.getAsBoolean()) {
                download(client, keys, "bookmarks", writers, page -> {
                    List<BookmarkRow> rows = new ArrayList<>(page.size());
                    page.forEach(r -> BookmarkNormalizer.normalize(r).ifPresent(rows::add));
                    pageCount.incrementAndGet();
                    written.addAndGet(rolledBack((c, account) -> {
                        BookmarkWriter writer = new BookmarkWriter(c);
                        int upserted = writer.write(account, rows);
                        writer.reposition(account);
                        return upserted;
                    }));
                    done.addAndGet(page.size());
                });
            }
            download(client, keys, "tabs", new Semaphore(0), page -> {
                List<DeviceTabsRow> devices = new ArrayList<>();
                page.forEach(r -> devices.add(TabsNormalizer.normalize(r)));
                pageCount.incrementAndGet();
                written.addAndGet(rolledBack((c, account) -> new TabsWriter(c).replaceAll(account, devices)));
                done.addAndGet(page.size());
            });
        }
        mergeSearchIndexes();
        int queued = CompilerQueue.awaitEmpty(deadline);
        return new Result(done.get(), pageCount.get(), written.get(), Duration.ofNanos(System.nanoTime() - start), queued);
    }

    /**
     * The rolled-back rows' trigram entries still went to the shared GIN pending lists, which every account's search
     * reads whole until they are merged: merge them now rather than leave them to autovacuum.
     */
    private void mergeSearchIndexes() {
        try (Connection c = dataSource.getConnection()) {
            SearchIndexes.merge(c, SearchIndexes.HISTORY_MATCH);
            SearchIndexes.merge(c, SearchIndexes.BOOKMARK_MATCH);
        } catch (SQLException e) {
            Log.warnf("warm-up: could not merge the search indexes' pending lists (autovacuum will): %s",
                    e.getMessage());
        }
    }

    private void download(StorageClient client, CollectionKeys keys, String collection, Semaphore writers,
            Consumer<List<DecryptedRecord>> writePage) {
        DownloadRequest request = new DownloadRequest(collection, Optional.empty(), SortOrder.OLDEST, PAGE, true,
                maxRecordBytes);
        PageWrites.download(collection, writers, chunkBytes, sink -> client.download(request, keys, sink), writePage);
    }

    private interface PageWrite {
        int run(Connection connection, UUID account) throws SQLException;
    }

    /**
     * Writes a page for an account that exists only inside this transaction, then rolls it all back: the account, its
     * rows and the merge's staging tables.
     */
    private int rolledBack(PageWrite write) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                UUID account = UUID.randomUUID();
                try (PreparedStatement ps = c
                        .prepareStatement("insert into account (id, fxa_uid, email) values (?, ?, ?)")) {
                    ps.setObject(1, account);
                    ps.setString(2, "warm-up-" + account);
                    ps.setString(3, "warm-up@warm-up.invalid");
                    ps.executeUpdate();
                }
                return write.run(c, account);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }
}
