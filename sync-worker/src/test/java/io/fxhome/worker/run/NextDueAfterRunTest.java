package io.fxhome.worker.run;

import static io.fxhome.worker.AccountRows.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.account.testing.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The run write makes an account due one sync_every (the interval the scheduler chose when it published the job) after
 * the run finished, completed or not, in the statements that store the run; an account without sync_every keeps the
 * due time the scheduler stamped.
 */
@QuarkusTest
class NextDueAfterRunTest {
    /** The scheduler's stamp while the job waits: its lost-job timeout, far after the interval. */
    private static final Instant STAMPED = Instant.parse("2026-12-06T09:00:00Z");
    private static final Instant STARTED = Instant.parse("2026-12-06T08:00:00.123456Z");
    private static final Instant FINISHED = STARTED.plusMillis(1500);

    @Inject
    AgroalDataSource ds;

    @Test
    void theRunWriteMakesTheAccountDueOneSyncEveryAfterTheRunFinished() throws Exception {
        TestAccounts accounts = new TestAccounts(ds);
        UUID completed = scheduled(accounts, "10 seconds");
        UUID failed = scheduled(accounts, "10 seconds");
        UUID interactive = scheduled(accounts, "15 minutes");
        UUID olderScheduler = scheduled(accounts, null);

        // One group, as the worker's syncs finishing at the same moment write it.
        assertThat(new RunGroupCommit(ds).writeGroup(List.of(run(completed, "scheduled", true),
                run(failed, "scheduled", false), run(interactive, "manual", true), run(olderScheduler, "scheduled", true))))
                .isEmpty();

        try (Connection c = ds.getConnection()) {
            assertThat(due(c, completed)).isEqualTo(FINISHED.plusSeconds(10));
            assertThat(due(c, failed)).as("a failed run too").isEqualTo(FINISHED.plusSeconds(10));
            assertThat(due(c, interactive)).as("an interactive job too").isEqualTo(FINISHED.plusSeconds(15 * 60));
            assertThat(due(c, olderScheduler)).as("no sync_every: the scheduler's stamp stays").isEqualTo(STAMPED);
            assertThat(query(c, "select failure_count, last_sync_at is null from account where id = ?", failed))
                    .as("a failed run's row is otherwise left alone").containsExactly("0|t");
        }
    }

    @Test
    void aRunStoredAloneAlsoSetsTheNextDueTime() throws Exception {
        TestAccounts accounts = new TestAccounts(ds);
        UUID account = scheduled(accounts, "1 hour");

        new RunGroupCommit(ds).store(run(account, "scheduled", true));

        try (Connection c = ds.getConnection()) {
            assertThat(due(c, account)).isEqualTo(FINISHED.plusSeconds(3600));
        }
    }

    /** An account whose scheduled job was published with this sync_every (null: by a scheduler before V31). */
    private UUID scheduled(TestAccounts accounts, String syncEvery) throws Exception {
        UUID id = accounts.create();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "update account set next_sync_at = ?::timestamptz, sync_every = ?::interval where id = ?")) {
            ps.setString(1, STAMPED.toString());
            ps.setString(2, syncEvery);
            ps.setObject(3, id);
            ps.executeUpdate();
        }
        return id;
    }

    private static Instant due(Connection c, UUID account) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("select next_sync_at from account where id = ?")) {
            ps.setObject(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }

    private static FinishedRun run(UUID account, String reason, boolean completed) {
        return new FinishedRun(account, STARTED, FINISHED, reason, 0, completed ? "done" : "retry",
                completed ? null : "NETWORK: down", 0, 0, 0, List.of(),
                completed ? new FinishedRun.Synced(null, false) : null);
    }
}
