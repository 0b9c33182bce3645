package io.fxhome.worker.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import io.fxhome.worker.db.Transactions;

/**
 * Stores finished runs of one shard, many syncs' in one transaction (a group commit): a sync that found nothing new
 * writes nothing else, and one transaction of its own per run was most of PostgreSQL's work in a fleet
 * (docs/benchmarks.md, "A fleet under load"). No timer and no window: the caller that takes the lock writes every run
 * waiting by then, and those that queued behind it find theirs written; one sync at a time writes alone, as before,
 * and the busier the worker, the larger the groups.
 * <p>
 * {@link #store} returns once the run is committed, so a job is still acknowledged only after its run is stored: a
 * crash loses no run of an acknowledged job. The caller holds its account's lease while it waits, so one account never
 * has two runs in one group, and its next sync starts after this one's row is written.
 */
final class RunGroupCommit {
    /** Runs per transaction at most: a bound on the statement's arrays, far above what a worker's slots produce. */
    private static final int MAX_GROUP = 1_000;

    private final Transactions tx;
    private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    RunGroupCommit(DataSource shard) {
        this.tx = new Transactions(shard);
    }

    /** Stores the run with others waiting at the same time; throws DatabaseException if it could not be stored. */
    void store(FinishedRun run) {
        Pending pending = new Pending(run, new CompletableFuture<>());
        waiting.add(pending);
        while (!pending.done().isDone()) {
            writing.lock();
            try {
                if (!pending.done().isDone()) {
                    writeWaiting();
                }
            } finally {
                writing.unlock();
            }
        }
        try {
            pending.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing a run", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void writeWaiting() {
        List<Pending> group = new ArrayList<>();
        for (Pending p; group.size() < MAX_GROUP && (p = waiting.poll()) != null;) {
            group.add(p);
        }
        Map<FinishedRun, RuntimeException> failed;
        try {
            failed = writeGroup(group.stream().map(Pending::run).toList());
        } catch (Error e) {
            // Settled all the same: a waiter left unsettled would wait forever.
            group.forEach(p -> p.done().completeExceptionally(e));
            throw e;
        }
        for (Pending p : group) {
            RuntimeException failure = failed.get(p.run());
            if (failure == null) {
                p.done().complete(null);
            } else {
                p.done().completeExceptionally(failure);
            }
        }
    }

    /**
     * Writes the runs in one transaction; if it fails, each on its own, so that one run that cannot be stored (its
     * account was deleted during the sync) fails its own job only. Returns the runs that failed, with why.
     */
    Map<FinishedRun, RuntimeException> writeGroup(List<FinishedRun> group) {
        if (group.isEmpty()) {
            return Map.of();
        }
        try {
            write(group);
            return Map.of();
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                return Map.of(group.getFirst(), e);
            }
        }
        Map<FinishedRun, RuntimeException> failed = new IdentityHashMap<>();
        for (FinishedRun run : group) {
            try {
                write(List.of(run));
            } catch (RuntimeException e) {
                failed.put(run, e);
            }
        }
        return failed;
    }

    private void write(List<FinishedRun> group) {
        // One order for every group: two transactions touching the same accounts never deadlock.
        List<FinishedRun> runs = group.stream().sorted(Comparator.comparing(FinishedRun::accountId)).toList();
        if (runs.stream().allMatch(r -> r.skippedKept().isEmpty())) {
            // The usual group: one statement in autocommit, its own transaction, so one network exchange in all where
            // a transaction of three statements and its commit took four (docs/benchmarks.md, "A fleet under load").
            tx.withoutTransaction(c -> {
                storeRuns(c, runs);
                return null;
            });
            return;
        }
        tx.inTransaction(c -> {
            storeRuns(c, runs);
            insertSkipped(c, runs);
            return null;
        });
    }

    /**
     * In one statement: the run rows; for every completed run what AccountStatusWriter wrote for a completed sync
     * (failures forgotten, the server's soft backoff kept, data_changed_at when it changed data); for every run whose
     * account has sync_every, the next due time one sync_every after it (synced and due touch disjoint rows: one run
     * per account in a group); the end of the live progress. The sync_run rows' foreign key to account still fails
     * the whole statement for a run whose account was deleted meanwhile (writeGroup then stores the others one by
     * one).
     */
    private static void storeRuns(Connection c, List<FinishedRun> runs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                with v as materialized (
                    select * from unnest(?::uuid[], ?::text[]::timestamptz[], ?::text[]::timestamptz[], ?::text[],
                                         ?::int[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[],
                                         ?::bigint[], ?::boolean[], ?::text[]::timestamptz[], ?::boolean[])
                        as v(account_id, started_at, finished_at, reason, attempt, outcome, error, applied, skipped,
                             deleted, duration_ms, synced, backoff_until, changed)),
                synced as (
                    update account a
                       set last_sync_at = now(), failure_count = 0, backoff_until = v.backoff_until,
                           status_reason = null,
                           data_changed_at = case when v.changed then now() else a.data_changed_at end,
                           next_sync_at = coalesce(v.finished_at + a.sync_every, a.next_sync_at)
                      from v
                     where a.id = v.account_id and v.synced),
                due as (
                    update account a set next_sync_at = v.finished_at + a.sync_every
                      from v
                     where a.id = v.account_id and not v.synced and a.sync_every is not null),
                progress as (delete from sync_progress p using v where p.account_id = v.account_id)
                insert into sync_run (account_id, started_at, finished_at, reason, attempt, outcome, error,
                                      records_applied, records_skipped, records_deleted, duration_ms)
                select account_id, started_at, finished_at, reason, attempt, outcome, error, applied, skipped, deleted,
                       duration_ms
                  from v""")) {
            ps.setArray(1, c.createArrayOf("uuid", runs.stream().map(FinishedRun::accountId).toArray()));
            ps.setArray(2, c.createArrayOf("text", runs.stream().map(r -> text(r.startedAt())).toArray()));
            ps.setArray(3, c.createArrayOf("text", runs.stream().map(r -> text(r.finishedAt())).toArray()));
            ps.setArray(4, c.createArrayOf("text", runs.stream().map(FinishedRun::reason).toArray()));
            ps.setArray(5, c.createArrayOf("int4", runs.stream().map(FinishedRun::attempt).toArray()));
            ps.setArray(6, c.createArrayOf("text", runs.stream().map(FinishedRun::outcome).toArray()));
            ps.setArray(7, c.createArrayOf("text", runs.stream().map(FinishedRun::error).toArray()));
            ps.setArray(8, c.createArrayOf("int8", runs.stream().map(FinishedRun::applied).toArray()));
            ps.setArray(9, c.createArrayOf("int8", runs.stream().map(FinishedRun::skipped).toArray()));
            ps.setArray(10, c.createArrayOf("int8", runs.stream().map(FinishedRun::deleted).toArray()));
            ps.setArray(11, c.createArrayOf("int8", runs.stream().map(FinishedRun::durationMs).toArray()));
            ps.setArray(12, c.createArrayOf("boolean", runs.stream().map(r -> r.synced() != null).toArray()));
            ps.setArray(13, c.createArrayOf("text",
                    runs.stream().map(r -> r.synced() == null ? null : text(r.synced().backoffUntil())).toArray()));
            ps.setArray(14, c.createArrayOf("boolean",
                    runs.stream().map(r -> r.synced() != null && r.synced().dataChanged()).toArray()));
            ps.executeUpdate();
        }
    }

    private static void insertSkipped(Connection c, List<FinishedRun> runs) throws SQLException {
        if (runs.stream().allMatch(r -> r.skippedKept().isEmpty())) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into sync_skipped_record (account_id, started_at, collection, record_id, reason)
                values (?, ?::timestamptz, ?, ?, ?) on conflict do nothing""")) {
            for (FinishedRun run : runs) {
                for (SkippedRecord s : run.skippedKept()) {
                    ps.setObject(1, run.accountId());
                    ps.setString(2, text(run.startedAt()));
                    ps.setString(3, s.collection());
                    ps.setString(4, s.id());
                    ps.setString(5, s.reason());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** ISO-8601 in UTC: exact to the microsecond and free of any time zone on the way (unlike timestamp arrays). */
    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private record Pending(FinishedRun run, CompletableFuture<Void> done) {
    }
}
