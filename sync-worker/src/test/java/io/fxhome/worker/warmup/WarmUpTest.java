package io.fxhome.worker.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.account.testing.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WarmUpTest {
    @Inject
    WarmUp warmUp;
    @Inject
    AgroalDataSource ds;

    @Test
    void runsPagesThroughTheWritersAndLeavesNoRowInAnyTable() throws SQLException {
        // A real account with rows of its own beside the warm-up's: they stay as they were.
        new TestAccounts(ds).create();
        Map<String, Long> before = rowCounts();

        WarmUp.Result result = warmUp.run(3000, Duration.ofMinutes(5));

        // 2,700 history records in three pages (append, merge, append), 300 bookmarks in one, five devices' tabs.
        assertThat(result.records()).isEqualTo(2700 + 300 + 5);
        assertThat(result.pages()).isEqualTo(5);
        // Every record was verified, decrypted, parsed, normalised and written (2,700 places, 300 bookmarks, 5 × 20
        // tabs) by the writers a sync uses, in transactions that were then rolled back.
        assertThat(result.written()).isEqualTo(2700 + 300 + 100);
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void stopsAfterThePageUnderWayOnceItsTimeIsUp() {
        WarmUp.Result result = warmUp.run(50_000, Duration.ZERO);
        // No history or bookmark page is begun; the single tabs page always runs.
        assertThat(result.pages()).isEqualTo(1);
        assertThat(result.records()).isEqualTo(5);
    }

    private Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "select table_schema || '.' || table_name from information_schema.tables where table_type = 'BASE TABLE' "
                            + "and table_schema not in ('pg_catalog', 'information_schema') and table_schema not like 'pg_temp%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("public.account", "public.history_place", "public.history_visit", "public.bookmark",
                    "public.tab");
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }
}
