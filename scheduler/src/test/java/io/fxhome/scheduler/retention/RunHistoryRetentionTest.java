package io.fxhome.scheduler.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.account.testing.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The run-history sweep on real PostgreSQL, with the documented defaults (keep 30 days, and at least each account's
 * latest 20 runs) and with small transactions.
 */
@QuarkusTest
class RunHistoryRetentionTest {
    private static final int SKIPPED_PER_RUN = 2;

    @Inject
    AgroalDataSource ds;
    @Inject
    RunHistoryRetention retention;

    /** Four accounts whose histories between them hit every rule. */
    private record Histories(UUID daily, UUID dormant, UUID busy, UUID longDormant) {
    }

    @Test
    void theSweepKeepsThirtyDaysAndAtLeastTheLatestTwentyRunsOfEachAccount() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Histories h = histories(now);

        retention.runOnce();

        assertKept(h, now);
        // A second sweep finds nothing more of these accounts.
        List<Instant> before = startedAt(h.daily());
        retention.runOnce();
        assertThat(startedAt(h.daily())).isEqualTo(before);
    }

    @Test
    void theSweepWorksInBoundedTransactions() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Histories h = histories(now);

        // Two accounts per window, at most 7 runs per transaction: 75 runs to delete here take at least 11.
        RunHistorySweep.Result r = new RunHistorySweep(20, 2, 7).sweep(ds, now.minus(Duration.ofDays(30)));

        assertKept(h, now);
        assertThat(r.runsDeleted()).isGreaterThanOrEqualTo(75);
        assertThat(r.skippedDeleted()).isGreaterThanOrEqualTo(75L * SKIPPED_PER_RUN);
        assertThat(r.transactions()).isGreaterThanOrEqualTo(11);
        assertThat(r.accounts()).isGreaterThanOrEqualTo(4);
    }

    private Histories histories(Instant now) throws SQLException {
        TestAccounts accounts = new TestAccounts(ds);
        Histories h = new Histories(accounts.create(), accounts.create(), accounts.create(), accounts.create());
        // One run a day for 100 days: the 30 of the last 30 days stay.
        for (int day = 0; day < 100; day++) {
            run(h.daily(), now.minus(Duration.ofDays(day)).minus(Duration.ofHours(1)));
        }
        // Five runs long ago: fewer than 20, all stay.
        for (int i = 0; i < 5; i++) {
            run(h.dormant(), now.minus(Duration.ofDays(200 + i)));
        }
        // 50 runs today: all stay.
        for (int i = 0; i < 50; i++) {
            run(h.busy(), now.minus(Duration.ofMinutes(15L * i)));
        }
        // 25 runs 100 to 124 days ago: the latest 20 stay.
        for (int i = 0; i < 25; i++) {
            run(h.longDormant(), now.minus(Duration.ofDays(100 + i)));
        }
        return h;
    }

    private void assertKept(Histories h, Instant now) throws SQLException {
        Instant cutoff = now.minus(Duration.ofDays(30));
        assertThat(startedAt(h.daily())).hasSize(30).allSatisfy(t -> assertThat(t).isAfter(cutoff));
        assertThat(startedAt(h.dormant())).hasSize(5);
        assertThat(startedAt(h.busy())).hasSize(50);
        assertThat(startedAt(h.longDormant())).hasSize(20)
                .allSatisfy(t -> assertThat(t).isAfterOrEqualTo(now.minus(Duration.ofDays(119))));
        // Skipped records go with their run, and only with it.
        for (UUID account : List.of(h.daily(), h.dormant(), h.busy(), h.longDormant())) {
            assertThat(count("select count(*) from sync_skipped_record where account_id = ?", account))
                    .isEqualTo(startedAt(account).size() * (long) SKIPPED_PER_RUN);
            assertThat(count("""
                    select count(*) from sync_skipped_record k where k.account_id = ?
                       and not exists (select 1 from sync_run r where r.account_id = k.account_id
                                                                  and r.started_at = k.started_at)""", account))
                    .isZero();
        }
    }

    private void run(UUID account, Instant startedAt) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into sync_run (account_id, started_at, finished_at, reason, outcome, records_skipped)
                    values (?, ?, ?, 'scheduled', 'done', ?)""")) {
                ps.setObject(1, account);
                ps.setTimestamp(2, Timestamp.from(startedAt));
                ps.setTimestamp(3, Timestamp.from(startedAt.plusSeconds(1)));
                ps.setInt(4, SKIPPED_PER_RUN);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into sync_skipped_record (account_id, started_at, collection, record_id, reason)
                    values (?, ?, 'history', ?, 'NOT_JSON')""")) {
                for (int i = 0; i < SKIPPED_PER_RUN; i++) {
                    ps.setObject(1, account);
                    ps.setTimestamp(2, Timestamp.from(startedAt));
                    ps.setString(3, "record-" + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private List<Instant> startedAt(UUID account) throws SQLException {
        List<Instant> times = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select started_at from sync_run where account_id = ? order by started_at desc")) {
            ps.setObject(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    times.add(rs.getTimestamp(1).toInstant());
                }
            }
        }
        return times;
    }

    private long count(String sql, UUID account) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
