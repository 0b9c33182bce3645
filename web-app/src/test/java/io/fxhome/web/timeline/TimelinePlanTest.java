package io.fxhome.web.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The tab timeline's lists answer from the account-led primary key of {@code tab_snapshot} (account, device, time), on
 * an analyzed table of a realistic size: many accounts, many devices, months of changes.
 */
@QuarkusTest
class TimelinePlanTest {
    @Inject
    AgroalDataSource ds;

    @Test
    void aPageAndAMomentAreReadThroughThePrimaryKey() throws Exception {
        TestData data = TestData.newAccount(ds);
        // 200 accounts' worth of snapshots: 4 devices each, 60 changes per device.
        TestData.exec(ds,
                """
                        insert into account (id, fxa_uid, email)
                        select gen_random_uuid(), 'plan' || i || '-' || gen_random_uuid(), 'plan' || i || '-' || gen_random_uuid() || '@example.test'
                          from generate_series(1, 200) i""");
        TestData.exec(ds, """
                insert into tab_snapshot (account_id, client_id, taken_at, client_name, fingerprint, tab_count, tabs)
                select a.id, 'dev' || d, now() - (c || ' hours')::interval, 'Device', '\\x00', 0, '[]'
                  from (select id from account order by id limit 200) a, generate_series(1, 4) d, generate_series(1, 60) c
                on conflict do nothing""");
        TestData.exec(ds, "analyze tab_snapshot");
        String page = explain(TimelineRepository.PAGE, data.account, "dev1", Timestamp.from(Instant.now()), 51);
        String at = explain(TimelineRepository.AT, data.account, "dev1", Timestamp.from(Instant.now()));
        for (String p : List.of(page, at)) {
            assertThat(p).as(p).contains("tab_snapshot_pkey").doesNotContain("Seq Scan on tab_snapshot");
        }
    }

    String explain(String sql, Object... args) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("explain " + sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }
}
