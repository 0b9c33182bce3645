package io.fxhome.worker.run;

import static io.fxhome.worker.AccountRows.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.account.testing.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Finished runs of many syncs share a transaction: every run is stored with what a completed sync writes into its
 * account's row, exactly as one transaction per run stored them, and a run that cannot be stored fails alone.
 */
@QuarkusTest
class RunGroupCommitTest {
    /** A server's soft backoff, kept on the account by a completed sync. */
    private static final Instant BACKOFF = Instant.parse("2030-01-01T00:00:00Z");

    @Inject
    AgroalDataSource ds;

    @Test
    void runsStoredAtOnceFromManyThreadsAreEachStoredWithTheirAccountsRow() throws Exception {
        TestAccounts accounts = new TestAccounts(ds);
        RunGroupCommit runs = new RunGroupCommit(ds);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            UUID id = accounts.create();
            ids.add(id);
            try (Connection c = ds.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "update account set failure_count = 3, status_reason = 'was failing' where id = ?")) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    insert into sync_progress (account_id, run_started_at, collection, records_done, updated_at)
                    values (?, now(), 'history', 5, now())""")) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
        }

        // 64 syncs finishing at once on 16 threads: every fourth is a failed one (no account row update), every
        // eighth changed data, the others found nothing new; one kept a skipped record.
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            List<Future<?>> storing = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                FinishedRun run = run(ids.get(i), i);
                storing.add(threads.submit(() -> {
                    start.await();
                    runs.store(run);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : storing) {
                f.get();
            }
        }

        try (Connection c = ds.getConnection()) {
            for (int i = 0; i < ids.size(); i++) {
                UUID id = ids.get(i);
                FinishedRun expected = run(id, i);
                assertThat(query(c, """
                        select reason, attempt, outcome, coalesce(error, '-'), records_applied, records_skipped,
                                      records_deleted, duration_ms, started_at = '%s'::timestamptz
                          from sync_run where account_id = ?""".formatted(expected.startedAt()), id))
                        .as("run %d", i)
                        .containsExactly(String.join("|", expected.reason(), Integer.toString(expected.attempt()),
                                expected.outcome(), expected.error() == null ? "-" : expected.error(),
                                Long.toString(expected.applied()), Long.toString(expected.skipped()),
                                Long.toString(expected.deleted()), "1500", "t"));
                assertThat(query(c, "select count(*) from sync_progress where account_id = ?", id))
                        .as("the live progress ends with the run").containsExactly("0");
                List<String> row = query(c, """
                        select last_sync_at is not null, failure_count, coalesce(status_reason, '-'),
                               backoff_until = '%s'::timestamptz, data_changed_at is not null
                          from account where id = ?""".formatted(BACKOFF), id);
                if (expected.synced() == null) {
                    assertThat(row).as("failed run %d leaves the account's row alone", i)
                            .containsExactly("f|3|was failing|null|f");
                } else {
                    assertThat(row).as("completed run %d", i).containsExactly(
                            "t|0|-|" + (i % 8 == 1 ? "t" : "null") + "|" + (i % 8 == 2 ? "t" : "f"));
                }
            }
            assertThat(query(c, "select collection, record_id, reason from sync_skipped_record where account_id = ?",
                    ids.get(5))).containsExactly("history|bad-1|NOT_JSON");
        }
    }

    @Test
    void aRunThatCannotBeStoredFailsAloneAndTheRestOfItsGroupIsStored() throws Exception {
        TestAccounts accounts = new TestAccounts(ds);
        RunGroupCommit runs = new RunGroupCommit(ds);
        UUID kept = accounts.create();
        UUID deleted = accounts.create();
        UUID alsoKept = accounts.create();
        FinishedRun gone = run(deleted, 0);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from account where id = ?")) {
            // The user deleted the account while its sync ran.
            ps.setObject(1, deleted);
            ps.executeUpdate();
        }

        Map<FinishedRun, RuntimeException> failed = runs.writeGroup(List.of(run(kept, 0), gone, run(alsoKept, 0)));

        assertThat(failed).containsOnlyKeys(gone);
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, "select count(*) from sync_run where account_id = ?", kept)).containsExactly("1");
            assertThat(query(c, "select count(*) from sync_run where account_id = ?", alsoKept)).containsExactly("1");
            assertThat(query(c, "select last_sync_at is not null from account where id = ?", alsoKept))
                    .containsExactly("t");
        }
    }

    /** The i-th of a set of runs: see the first test for which is which. */
    private static FinishedRun run(UUID account, int i) {
        Instant started = Instant.parse("2026-12-06T08:00:00.123456Z").plusSeconds(i);
        boolean failed = i % 4 == 3;
        FinishedRun.Synced synced = failed ? null
                : new FinishedRun.Synced(i % 8 == 1 ? BACKOFF : null, i % 8 == 2);
        return new FinishedRun(account, started, started.plusMillis(1500), i % 2 == 0 ? "scheduled" : "manual",
                i % 4, failed ? "retry" : "done", failed ? "NETWORK: down" : null, i % 8 == 2 ? 7 : 0, i == 5 ? 1 : 0,
                i % 8 == 2 ? 2 : 0, i == 5 ? List.of(new SkippedRecord("history", "bad-1", "NOT_JSON")) : List.of(),
                synced);
    }
}
