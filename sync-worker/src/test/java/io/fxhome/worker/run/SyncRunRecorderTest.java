package io.fxhome.worker.run;

import static io.fxhome.worker.AccountRows.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.account.testing.TestAccounts;
import io.fxhome.clock.testing.MutableClock;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncReason;
import io.fxhome.runhistory.RunHistoryConfig;
import io.fxhome.worker.db.Transactions;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A run stores at most {@code fxhome.run-history.skipped-per-run} skipped records, and counts them all; it shows live
 * progress from its start when a user waits on it, after half a second when the scheduler asked for it.
 */
@QuarkusTest
class SyncRunRecorderTest {
    @Inject
    AgroalDataSource ds;
    @Inject
    RunHistoryConfig config;

    @Test
    void aRunKeepsTheFirstSkippedRecordsUpToTheCapAndCountsTheRest() throws Exception {
        assertThat(config.skippedPerRun()).as("the documented default").isEqualTo(100);
        UUID account = new TestAccounts(ds).create();
        SyncRunRecorder run = new SyncRunRecorder(new Transactions(ds), new RunGroupCommit(ds), account,
                SyncJob.of(account, SyncReason.SCHEDULED, Instant.now()), Clock.systemUTC(), 25);

        // 10,000 bad records from four threads at once (the downloading thread and page writers add concurrently).
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<?>> adding = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String collection = t % 2 == 0 ? "history" : "bookmarks";
                int thread = t;
                adding.add(threads.submit(() -> {
                    for (int i = 0; i < 2_500; i++) {
                        run.skippedRecords().add(new SkippedRecord(collection, "bad-" + thread + "-" + i, "NOT_JSON"));
                    }
                }));
            }
            for (Future<?> f : adding) {
                f.get();
            }
        }
        assertThat(run.skippedRecords()).hasSize(25);
        assertThat(run.skippedRecords().total()).isEqualTo(10_000);
        assertThat(run.skippedRecords().counts()).containsEntry(new SkippedRecords.Kind("history", "NOT_JSON"), 5_000L)
                .containsEntry(new SkippedRecords.Kind("bookmarks", "NOT_JSON"), 5_000L);

        run.finish(SyncOutcome.done());

        try (Connection c = ds.getConnection()) {
            assertThat(query(c, "select records_skipped from sync_run where account_id = ?", account))
                    .containsExactly("10000");
            assertThat(query(c, "select count(*) from sync_skipped_record where account_id = ?", account))
                    .containsExactly("25");
        }
    }

    @Test
    void aScheduledRunShowsItsProgressOnlyOnceItHasRunHalfASecondAndAUserWaitingSeesItAtOnce() throws Exception {
        UUID scheduled = new TestAccounts(ds).create();
        UUID interactive = new TestAccounts(ds).create();
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
        SyncRunRecorder quiet = new SyncRunRecorder(new Transactions(ds), new RunGroupCommit(ds), scheduled,
                SyncJob.of(scheduled, SyncReason.SCHEDULED, clock.instant()), clock, 25);
        SyncRunRecorder waitedOn = new SyncRunRecorder(new Transactions(ds), new RunGroupCommit(ds), interactive,
                SyncJob.of(interactive, SyncReason.INTERACTIVE, clock.instant()), clock, 25);
        String progress = "select collection, records_done from sync_progress where account_id = ?";

        for (SyncRunRecorder run : List.of(quiet, waitedOn)) {
            run.progress("history", null);
            run.advance(3);
        }
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, progress, scheduled)).isEmpty();
            assertThat(query(c, progress, interactive)).containsExactly("history|0");
        }

        // Half a second in, the scheduled run shows where it is, and from then on as an interactive one does.
        clock.advance(Duration.ofMillis(500));
        quiet.advance(2);
        quiet.progress("bookmarks", 40L);
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, progress, scheduled)).containsExactly("bookmarks|0");
        }

        quiet.finish(SyncOutcome.done());
        waitedOn.finish(SyncOutcome.done());
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, progress, scheduled)).isEmpty();
            assertThat(query(c, progress, interactive)).isEmpty();
        }
    }
}
