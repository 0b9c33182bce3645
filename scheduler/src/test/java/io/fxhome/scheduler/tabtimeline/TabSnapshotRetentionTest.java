package io.fxhome.scheduler.tabtimeline;

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

/** The tab-timeline sweep on real PostgreSQL: 90 days kept by default, and each device's latest snapshot always. */
@QuarkusTest
class TabSnapshotRetentionTest {
    @Inject
    AgroalDataSource ds;
    @Inject
    TabSnapshotRetention retention;

    @Test
    void theSweepKeepsNinetyDaysAndEachDevicesLatestSnapshot() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID account = new TestAccounts(ds).create();
        // The laptop changed its tabs once a day for 120 days; the old phone last changed them 200 days ago.
        for (int day = 0; day < 120; day++) {
            snapshot(account, "laptop", now.minus(Duration.ofDays(day)).minus(Duration.ofHours(1)));
        }
        snapshot(account, "phone", now.minus(Duration.ofDays(201)));
        snapshot(account, "phone", now.minus(Duration.ofDays(200)));

        retention.runOnce();

        assertThat(takenAt(account, "laptop")).hasSize(90)
                .allSatisfy(t -> assertThat(t).isAfter(now.minus(Duration.ofDays(90))));
        assertThat(takenAt(account, "phone")).containsExactly(now.minus(Duration.ofDays(200)));
    }

    @Test
    void theSweepWorksInBoundedTransactions() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID account = new TestAccounts(ds).create();
        for (int i = 0; i < 30; i++) {
            snapshot(account, "desk", now.minus(Duration.ofDays(100 + i)));
        }
        TabSnapshotSweep.Result r = new TabSnapshotSweep(2, 4).sweep(ds, now.minus(Duration.ofDays(90)));
        assertThat(takenAt(account, "desk")).containsExactly(now.minus(Duration.ofDays(100)));
        assertThat(r.deleted()).isGreaterThanOrEqualTo(29);
        assertThat(r.transactions()).isGreaterThanOrEqualTo(8);
    }

    private void snapshot(UUID account, String client, Instant at) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into tab_snapshot (account_id, client_id, taken_at, client_name, fingerprint, tab_count, tabs)
                values (?, ?, ?, ?, ?, 0, '[]')""")) {
            ps.setObject(1, account);
            ps.setString(2, client);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setString(4, client);
            ps.setBytes(5, at.toString().getBytes());
            ps.executeUpdate();
        }
    }

    private List<Instant> takenAt(UUID account, String client) throws SQLException {
        List<Instant> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select taken_at from tab_snapshot where account_id = ? and client_id = ? order by taken_at")) {
            ps.setObject(1, account);
            ps.setString(2, client);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getTimestamp(1).toInstant());
                }
            }
        }
        return out;
    }
}
