package io.fxhome.web.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;

/** An inbox page is read through the account-led primary key (account_id, id), newest first, without a sort. */
@QuarkusTest
class InboxPlanTest {
    @Inject
    AgroalDataSource ds;

    @Test
    void aPageIsReadThroughTheAccountLedPrimaryKeyWithoutSorting() throws Exception {
        TestData mine = TestData.newAccount(ds);
        TestData other = TestData.newAccount(ds);
        // Accounts of a realistic size, analyzed: on a handful of rows any plan looks as good.
        for (TestData data : new TestData[] { mine, other }) {
            TestData.receivedTabs(ds, data.account, 3000);
        }
        TestData.exec(ds, "analyze inbox");
        StringBuilder plan = new StringBuilder();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("explain " + InboxRepository.PAGE)) {
            ps.setObject(1, mine.account);
            ps.setLong(2, Long.MAX_VALUE);
            ps.setInt(3, 51);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        assertThat(plan.toString()).as(plan.toString()).contains("Index Scan Backward using inbox_pkey")
                .doesNotContain("Sort");
    }
}
