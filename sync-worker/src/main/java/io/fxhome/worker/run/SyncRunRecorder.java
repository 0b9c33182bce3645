package io.fxhome.worker.run;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.fxhome.job.SyncJob;
import io.fxhome.worker.db.Transactions;

/**
 * Counts what one sync run does and stores it: live progress while it runs (for the web app's first-sync screen,
 * written at most every half second; by a scheduled sync only once it has run that long, so that the most common
 * sync, a few records found in a few milliseconds, spends no exchange with PostgreSQL on a screen nobody waits on),
 * then the run's counts, duration, outcome and skipped records (the first {@code fxhome.run-history.skipped-per-run}
 * of them; all are counted), and for a sync that completed, the account's row: all in RunGroupCommit's transaction,
 * shared with other syncs that finish at the same time.
 */
final class SyncRunRecorder {
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);

    private final Transactions tx;
    private final RunGroupCommit runs;
    private final UUID accountId;
    private final SyncJob job;
    private final Clock clock;
    private final Instant startedAt;
    // Added to by the downloading thread (undecryptable records) and the page writer (unusable ones).
    private final SkippedRecords skipped;
    // Page writers of one sync run on several (virtual) threads at once: counters are atomic, and the live progress is
    // written under a lock that a waiting virtual thread does not pin its carrier on.
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final ReentrantLock progressLock = new ReentrantLock();
    private String collection;
    private int collectionDone;
    private Long collectionExpected;
    private Instant lastProgressWrite = Instant.EPOCH;
    private FinishedRun.Synced synced;

    /** @param skippedKept skipped records stored with the run; the rest are only counted */
    SyncRunRecorder(Transactions tx, RunGroupCommit runs, UUID accountId, SyncJob job, Clock clock, int skippedKept) {
        this.tx = tx;
        this.runs = runs;
        this.skipped = new SkippedRecords(skippedKept);
        this.accountId = accountId;
        this.job = job;
        this.clock = clock;
        // Microseconds, as PostgreSQL keeps it: the run's key is the same in every statement that names it.
        this.startedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    Instant startedAt() {
        return startedAt;
    }

    SkippedRecords skippedRecords() {
        return skipped;
    }

    void skipped(SkippedRecord record) {
        skipped.add(record);
    }

    void applied(long n) {
        applied.addAndGet(n);
    }

    void deleted(long n) {
        deleted.addAndGet(n);
    }

    long applied() {
        return applied.get();
    }

    long deletedCount() {
        return deleted.get();
    }

    Duration elapsed() {
        return Duration.between(startedAt, clock.instant());
    }

    /** A collection's download starts; {@code expected} is its record count when known (a full download). */
    void progress(String collection, Long expected) {
        progressLock.lock();
        try {
            this.collection = collection;
            this.collectionDone = 0;
            this.collectionExpected = expected;
            writeProgress(true);
        } finally {
            progressLock.unlock();
        }
    }

    void advance(int records) {
        progressLock.lock();
        try {
            collectionDone += records;
            writeProgress(false);
        } finally {
            progressLock.unlock();
        }
    }

    private void writeProgress(boolean force) {
        Instant now = clock.instant();
        // A user waits on an interactive sync from its start; a scheduled one shows its progress after an interval.
        if (!job.reason().interactive() && Duration.between(startedAt, now).compareTo(PROGRESS_INTERVAL) < 0) {
            return;
        }
        if (!force && Duration.between(lastProgressWrite, now).compareTo(PROGRESS_INTERVAL) < 0) {
            return;
        }
        lastProgressWrite = now;
        tx.withoutTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into sync_progress (account_id, run_started_at, collection, records_done, records_expected,
                                               updated_at)
                    values (?, ?, ?, ?, ?, now())
                    on conflict (account_id) do update
                       set run_started_at = excluded.run_started_at, collection = excluded.collection,
                           records_done = excluded.records_done, records_expected = excluded.records_expected,
                           updated_at = now()""")) {
                ps.setObject(1, accountId);
                ps.setTimestamp(2, Timestamp.from(startedAt));
                ps.setString(3, collection);
                ps.setInt(4, collectionDone);
                ps.setObject(5, collectionExpected == null ? null : (int) Math.min(Integer.MAX_VALUE, collectionExpected));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * The sync completed: the account's row says so when the run is stored (see FinishedRun.Synced).
     *
     * @param backoff the server's soft backoff, kept on the account
     */
    void synced(Optional<Instant> backoff, boolean dataChanged) {
        this.synced = new FinishedRun.Synced(backoff.orElse(null), dataChanged);
    }

    /** Stores the finished run (with others', see RunGroupCommit) and clears the live progress. */
    void finish(SyncOutcome outcome) {
        runs.store(new FinishedRun(accountId, startedAt, clock.instant(), job.reason().name().toLowerCase(Locale.ROOT),
                job.attempt(), outcome.kind().name().toLowerCase(Locale.ROOT), outcome.reason(), applied.get(),
                skipped.total(), deleted.get(), List.copyOf(skipped), synced));
    }
}
