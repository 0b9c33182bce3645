package io.fxhome.worker.warmup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.PageReader;
import io.fxhome.worker.bookmarks.BookmarkNormalizer;
import io.fxhome.worker.bookmarks.BookmarkRow;
import io.fxhome.worker.bookmarks.BookmarkWriter;
import io.fxhome.worker.config.WorkerConfig;
import io.fxhome.worker.db.DatabaseException;
import io.fxhome.worker.history.HistoryNormalizer;
import io.fxhome.worker.history.HistoryPlaceRow;
import io.fxhome.worker.history.HistoryWriter;
import io.fxhome.worker.tabs.DeviceTabsRow;
import io.fxhome.worker.tabs.TabsNormalizer;
import io.fxhome.worker.tabs.TabsWriter;
import io.quarkus.logging.Log;

/**
 * Runs synthetic pages through a sync's hot path before the worker takes jobs, so that the JIT compiles it then and
 * not during a user's first sync (docs/benchmarks.md: a restarted worker's first sync cost 2.7–4 times a warm one's
 * CPU, most of it compilation). Each page is verified and decrypted by the storage client's {@link PageReader},
 * normalised, and written by the writers a sync uses (COPY, merge, upsert) for an account made up for the purpose,
 * in a transaction that is rolled back: no row is left in any table. The key is generated here; no account's secrets
 * are read.
 */
@ApplicationScoped
public class WarmUp {
    private static final int PAGE = 1000;

    private final DataSource dataSource;
    private final WorkerConfig.WarmUp config;

    public WarmUp(DataSource dataSource, WorkerConfig config) {
        this.dataSource = dataSource;
        this.config = config.warmUp();
    }

    /** What one warm-up did. */
    /** @param written rows the writers reported written (then rolled back) */
    public record Result(int records, int pages, int written, Duration took) {
    }

    /** Runs the warm-up if enabled, and logs what it did in one line. */
    public void runIfEnabled() {
        if (!config.enabled()) {
            Log.info("warm-up: disabled (fxhome.worker.warm-up.enabled=false)");
            return;
        }
        try {
            Result r = run(config.records(), config.maxDuration());
            Log.infof("warm-up: %d synthetic records in %d pages in %d ms, before taking jobs", r.records(), r.pages(),
                    r.took().toMillis());
        } catch (RuntimeException e) {
            // A failed warm-up costs the first sync its speed, never the worker its jobs.
            Log.warnf("warm-up failed, the worker starts cold: %s", e.toString());
        }
    }

    /**
     * Runs about {@code records} synthetic records (nine in ten history, the rest bookmarks, and a page of tabs) through
     * the hot path; stops after the page under way once {@code maxDuration} has passed.
     */
    public Result run(int records, Duration maxDuration) {
        long start = System.nanoTime();
        long deadline = start + maxDuration.toNanos();
        byte[] tag = new byte[6];
        SecureRandom random = new SecureRandom();
        random.nextBytes(tag);
        SyntheticPages pages = new SyntheticPages(KeyBundle.random(random), HexFormat.of().formatHex(tag));
        KeyBundle keys = pages.keys();
        int done = 0;
        int pageCount = 0;
        int written = 0;
        int historyRecords = records - records / 10;
        // History: the first sync's append path, then the merge a later sync takes; pages alternate between them.
        for (int first = 0; first < historyRecords && System.nanoTime() < deadline; first += PAGE) {
            int n = Math.min(PAGE, historyRecords - first);
            boolean append = pageCount % 2 == 0;
            List<HistoryPlaceRow> places = new ArrayList<>(n);
            read(keys, pages.history(first, n), r -> HistoryNormalizer.normalize(r).ifPresent(places::add));
            written += rolledBack((c, account) -> {
                HistoryWriter writer = new HistoryWriter(c);
                writer.holdAccount(account);
                return append ? writer.append(account, places) : writer.write(account, places);
            });
            done += n;
            pageCount++;
        }
        for (int first = 0; first < records - historyRecords && System.nanoTime() < deadline; first += PAGE) {
            int n = Math.min(PAGE, records - historyRecords - first);
            List<BookmarkRow> rows = new ArrayList<>(n);
            read(keys, pages.bookmarks(first, n), r -> BookmarkNormalizer.normalize(r).ifPresent(rows::add));
            written += rolledBack((c, account) -> {
                BookmarkWriter writer = new BookmarkWriter(c);
                int upserted = writer.write(account, rows);
                writer.reposition(account);
                return upserted;
            });
            done += n;
            pageCount++;
        }
        List<DeviceTabsRow> devices = new ArrayList<>();
        read(keys, pages.tabs(0, 5), r -> devices.add(TabsNormalizer.normalize(r)));
        written += rolledBack((c, account) -> new TabsWriter(c).replaceAll(account, devices));
        done += devices.size();
        pageCount++;
        return new Result(done, pageCount, written, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void read(KeyBundle keys, byte[] body, Consumer<DecryptedRecord> records) {
        try {
            new PageReader(keys, records::accept).read(new ByteArrayInputStream(body), true, PAGE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
