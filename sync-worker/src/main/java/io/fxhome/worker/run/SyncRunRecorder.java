package io.fxhome.worker.run;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.fxhome.job.SyncJob;
import io.fxhome.worker.db.Transactions;

/**
 * Counts what one sync run does and stores it: live progress while it runs (for the web app's first-sync screen,
 * written at most every half second), then the run's counts, duration, outcome and skipped records (the first
 * {@code fxhome.run-history.skipped-per-run} of them; all are counted).
 */
final class SyncRunRecorder {
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);

    private final Transactions tx;
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

    /** @param skippedKept skipped records stored with the run; the rest are only counted */
    SyncRunRecorder(Transactions tx, UUID accountId, SyncJob job, Clock clock, int skippedKept) {
        this.tx = tx;
        this.skipped = new SkippedRecords(skippedKept);
        this.accountId = accountId;
        this.job = job;
        this.clock = clock;
        this.startedAt = clock.instant();
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
        if (!force && Duration.between(lastProgressWrite, now).compareTo(PROGRESS_INTERVAL) < 0) {
            return;
        }
        lastProgressWrite = now;
        tx.inTransaction(c -> {
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

    /** Stores the finished run and clears the live progress. */
    void finish(SyncOutcome outcome) {
        Instant finished = clock.instant();
        tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into sync_run (account_id, started_at, finished_at, reason, attempt, outcome, error,
                                          records_applied, records_skipped, records_deleted, duration_ms)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setObject(1, accountId);
                ps.setTimestamp(2, Timestamp.from(startedAt));
                ps.setTimestamp(3, Timestamp.from(finished));
                ps.setString(4, job.reason().name().toLowerCase(Locale.ROOT));
                ps.setInt(5, job.attempt());
                ps.setString(6, outcome.kind().name().toLowerCase(Locale.ROOT));
                ps.setString(7, outcome.reason());
                ps.setLong(8, applied.get());
                ps.setLong(9, skipped.total());
                ps.setLong(10, deleted.get());
                ps.setLong(11, Duration.between(startedAt, finished).toMillis());
                ps.executeUpdate();
            }
            List<SkippedRecord> kept = List.copyOf(skipped);
            if (!kept.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into sync_skipped_record (account_id, started_at, collection, record_id, reason)
                        values (?, ?, ?, ?, ?) on conflict do nothing""")) {
                    for (SkippedRecord s : kept) {
                        ps.setObject(1, accountId);
                        ps.setTimestamp(2, Timestamp.from(startedAt));
                        ps.setString(3, s.collection());
                        ps.setString(4, s.id());
                        ps.setString(5, s.reason());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("delete from sync_progress where account_id = ?")) {
                ps.setObject(1, accountId);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
