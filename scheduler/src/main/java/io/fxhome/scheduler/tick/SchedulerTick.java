package io.fxhome.scheduler.tick;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import javax.sql.DataSource;

import io.fxhome.backoff.ServerBackoffStore;
import io.fxhome.backoff.ServerBackoffs;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncJobPublisher;
import io.fxhome.job.SyncReason;
import io.fxhome.scheduler.control.SchedulerControlStore;
import io.fxhome.scheduler.control.TickReport;
import io.fxhome.scheduler.policy.AccountActivity;
import io.fxhome.scheduler.policy.ScheduleDecision;
import io.fxhome.scheduler.policy.SyncSchedulePolicy;

/**
 * One pass over the due accounts. Each batch is one transaction: lock up to {@code batchSize} due accounts
 * ({@code FOR NO KEY UPDATE SKIP LOCKED}), ask the policy, stamp their next due time, publish their jobs and wait for
 * the broker's confirms, then commit. A published account is stamped no earlier than the lost-job timeout and keeps
 * the interval chosen for it (sync_every): the worker's run write makes it due one interval after its sync ends, so an
 * account has at most one scheduled job waiting however far the workers fall behind. A crash before the commit leaves the
 * accounts due, so they are published again by
 * the next tick: at worst one extra job (workers drop duplicates), never a lost account. Several batches run at once
 * on disjoint rows; overlapping ticks of two instances behave the same way, so no account is published twice.
 * <p>
 * With shards (docs/sharding.md) a tick does the same on each shard in turn: every account is due in its own shard's
 * {@code account} table. The fleet-wide pause and the tick record stay in the control database (shard main, beside
 * Quartz). A shard that fails is reported and the tick goes on with the next one.
 * <p>
 * Plain Java (DataSources, the publisher, a Clock), so tests can run two of them against one database.
 */
public final class SchedulerTick {
    private static final System.Logger LOG = System.getLogger(SchedulerTick.class.getName());

    /** The fleet-wide pause and the record of the last tick. */
    private final DataSource control;
    /** Where the accounts are, by shard name: the control database alone without shards. */
    private final Map<String, DataSource> shards;
    private final SyncJobPublisher publisher;
    private final SyncSchedulePolicy policy;
    private final Clock clock;
    private final int batchSize;
    private final int threads;
    private final String instance;
    private final IntConsumer onPublished;

    /**
     * @param onPublished told how many jobs each committed batch published (for the metrics)
     */
    public SchedulerTick(DataSource dataSource, SyncJobPublisher publisher, SyncSchedulePolicy policy, Clock clock,
            int batchSize, int threads, String instance, IntConsumer onPublished) {
        this(dataSource, Map.of("main", dataSource), publisher, policy, clock, batchSize, threads, instance, onPublished);
    }

    /**
     * @param control the database of the pause flag and the tick record (the default datasource)
     * @param shards every shard's database by name, ticked in this order (the control database is usually one of them)
     */
    public SchedulerTick(DataSource control, Map<String, ? extends DataSource> shards, SyncJobPublisher publisher,
            SyncSchedulePolicy policy, Clock clock, int batchSize, int threads, String instance, IntConsumer onPublished) {
        this.control = Objects.requireNonNull(control, "control");
        this.shards = new LinkedHashMap<>(Objects.requireNonNull(shards, "shards"));
        if (this.shards.isEmpty()) {
            throw new IllegalArgumentException("at least one shard");
        }
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.instance = Objects.requireNonNull(instance, "instance");
        this.onPublished = Objects.requireNonNull(onPublished, "onPublished");
        if (batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("batch size and threads must be >= 1");
        }
        this.batchSize = batchSize;
        this.threads = threads;
    }

    public TickReport run() {
        Instant startedAt = clock.instant();
        var control = new SchedulerControlStore(this.control);
        if (control.isPaused()) {
            LOG.log(Level.DEBUG, "scheduling is paused; tick skipped");
            return new TickReport(instance, startedAt, clock.instant(), 0, 0, 0, 0, true, Optional.empty());
        }
        var counts = new Counts();
        List<String> errors = new ArrayList<>();
        ServerBackoffs servers;
        try {
            // In the control database (shard main) with the directory: one read for the whole tick, every shard.
            servers = new ServerBackoffStore(this.control).inForce(startedAt);
        } catch (RuntimeException e) {
            // Unknown backoffs: publish nothing rather than knock on a server that asked us to stay away.
            TickReport failed = new TickReport(instance, startedAt, clock.instant(), 0, 0, 0, 0, false,
                    Optional.of(e.getMessage()));
            LOG.log(Level.WARNING, "tick on {0} skipped: {1}", instance, e.getMessage());
            try {
                control.recordTick(failed);
            } catch (RuntimeException notRecorded) {
                LOG.log(Level.WARNING, "cannot record the tick: {0}", notRecorded.toString());
            }
            return failed;
        }
        for (Map.Entry<String, DataSource> shard : shards.entrySet()) {
            AtomicReference<String> error = new AtomicReference<>();
            try {
                counts.firstScheduled.addAndGet(scheduleNewAccounts(shard.getValue()));
                runBatches(shard.getValue(), startedAt, servers, counts, error);
            } catch (SQLException | RuntimeException e) {
                error.compareAndSet(null, e.toString());
            }
            if (error.get() != null) {
                // One unreachable shard must not stop the others' accounts from syncing.
                errors.add(shards.size() > 1 ? "shard " + shard.getKey() + ": " + error.get() : error.get());
            }
        }
        TickReport report = new TickReport(instance, startedAt, clock.instant(), counts.published.get(), counts.deferred.get(),
                counts.paused.get(), counts.firstScheduled.get(), false,
                errors.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", errors)));
        try {
            control.recordTick(report);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot record the tick: {0}", e.toString());
        }
        if (report.error().isPresent()) {
            LOG.log(Level.WARNING,
                    "tick on {0} stopped early after publishing {1} jobs; the rest stay due for the next tick: {2}",
                    instance, report.published(), report.error().get());
        } else if (report.published() + report.deferred() + report.paused() + report.firstScheduled() > 0) {
            LOG.log(Level.INFO,
                    "tick on {0}: {1} jobs published, {2} deferred (backoff), {3} paused (disuse), {4} newly scheduled, in {5} ms",
                    instance, report.published(), report.deferred(), report.paused(), report.firstScheduled(),
                    report.duration().toMillis());
        }
        return report;
    }

    private void runBatches(DataSource shard, Instant dueBy, ServerBackoffs servers, Counts counts,
            AtomicReference<String> error) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("fxhome-tick-", 0).factory());
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> {
                    while (error.get() == null) {
                        try {
                            if (runBatch(shard, dueBy, servers, counts) <= 0) {
                                return;
                            }
                        } catch (SQLException | RuntimeException e) {
                            error.compareAndSet(null, e.toString());
                            return;
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error.compareAndSet(null, "interrupted");
        } catch (ExecutionException e) {
            error.compareAndSet(null, e.getCause().toString());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One transaction; returns the accounts it handled, 0 when none are due, -1 when scheduling was paused meanwhile. */
    private int runBatch(DataSource shard, Instant dueBy, ServerBackoffs servers, Counts counts) throws SQLException {
        try (Connection connection = shard.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // The flag is in the control database: read on the batch's own connection when that is where it is.
                boolean paused = shard == control ? SchedulerControlStore.isPaused(connection)
                        : new SchedulerControlStore(control).isPaused();
                if (paused) {
                    connection.rollback();
                    return -1;
                }
                List<AccountActivity> due = DueAccounts.lockDue(connection, dueBy, batchSize);
                if (due.isEmpty()) {
                    connection.commit();
                    return 0;
                }
                Instant now = clock.instant();
                List<UUID> stampIds = new ArrayList<>(due.size());
                List<Instant> stampTimes = new ArrayList<>(due.size());
                List<Duration> stampEvery = new ArrayList<>(due.size());
                List<SyncJob> jobs = new ArrayList<>(due.size());
                List<UUID> pauseIds = new ArrayList<>();
                List<String> pauseReasons = new ArrayList<>();
                int deferred = 0;
                for (AccountActivity account : due) {
                    switch (policy.decide(account, servers, now)) {
                        case ScheduleDecision.Enqueue enqueue -> {
                            jobs.add(SyncJob.of(account.accountId(), SyncReason.SCHEDULED, now));
                            stampIds.add(account.accountId());
                            stampTimes.add(enqueue.nextDueAt());
                            stampEvery.add(enqueue.syncEvery());
                        }
                        case ScheduleDecision.Defer defer -> {
                            deferred++;
                            stampIds.add(account.accountId());
                            stampTimes.add(defer.nextDueAt());
                            stampEvery.add(null);
                        }
                        case ScheduleDecision.Pause pause -> {
                            pauseIds.add(account.accountId());
                            pauseReasons.add(pause.reason());
                        }
                    }
                }
                DueAccounts.stamp(connection, stampIds, stampTimes, stampEvery);
                DueAccounts.pause(connection, pauseIds, pauseReasons);
                // Confirmed by the broker before the stamps commit: a failure here rolls them back.
                publisher.publishAll(jobs);
                connection.commit();
                counts.published.addAndGet(jobs.size());
                counts.deferred.addAndGet(deferred);
                counts.paused.addAndGet(pauseIds.size());
                onPublished.accept(jobs.size());
                return due.size();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
    }

    /** Gives just-linked accounts their first due time, spread over one interval (see the policy). */
    private int scheduleNewAccounts(DataSource shard) throws SQLException {
        int total = 0;
        while (true) {
            try (Connection connection = shard.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    List<UUID> ids = DueAccounts.lockUnscheduled(connection, batchSize);
                    Instant now = clock.instant();
                    List<Instant> due = new ArrayList<>(ids.size());
                    ids.forEach(id -> due.add(policy.firstDueAt(now)));
                    DueAccounts.stamp(connection, ids, due);
                    connection.commit();
                    total += ids.size();
                    if (ids.size() < batchSize) {
                        return total;
                    }
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection);
                    throw e;
                }
            }
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.log(Level.DEBUG, "rollback failed: {0}", e.toString());
        }
    }

    private static final class Counts {
        final AtomicInteger published = new AtomicInteger();
        final AtomicInteger deferred = new AtomicInteger();
        final AtomicInteger paused = new AtomicInteger();
        final AtomicInteger firstScheduled = new AtomicInteger();
    }
}
