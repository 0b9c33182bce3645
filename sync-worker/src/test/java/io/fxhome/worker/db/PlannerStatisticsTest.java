package io.fxhome.worker.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PlannerStatisticsTest {
    @Inject
    AgroalDataSource ds;

    @BeforeEach
    void freshTable() throws SQLException {
        sql("drop table if exists planner_statistics_probe; create table planner_statistics_probe (id int, filler text)");
    }

    @AfterEach
    void dropTable() throws SQLException {
        sql("drop table if exists planner_statistics_probe");
    }

    @Test
    void aTableIsAnalyzedOnceItOutgrowsItsStatisticsTenfoldAndNotBefore() throws SQLException {
        PlannerStatistics statistics = new PlannerStatistics(new Transactions(ds));
        assertThat(reltuples()).isEqualTo(-1);

        // Never analyzed, but still within one page: nothing to gain yet.
        insert(1, 10);
        statistics.refreshIfStale("planner_statistics_probe");
        assertThat(reltuples()).isEqualTo(-1);

        // Two pages or more, never analyzed: analyzed.
        insert(11, 1_000);
        statistics.refreshIfStale("planner_statistics_probe");
        assertThat(reltuples()).isEqualTo(1_000);

        // Grown, but not tenfold: the statistics still describe it well enough.
        insert(1_001, 5_000);
        statistics.refreshIfStale("planner_statistics_probe");
        assertThat(reltuples()).isEqualTo(1_000);

        // Tenfold: analyzed again.
        insert(5_001, 20_000);
        statistics.refreshIfStale("planner_statistics_probe", "no_such_table");
        assertThat(reltuples()).isEqualTo(20_000);
    }

    @Test
    void aTableAnotherSyncIsAnalyzingIsLeftToIt() throws SQLException {
        PlannerStatistics statistics = new PlannerStatistics(new Transactions(ds));
        insert(1, 1_000);
        try (Connection other = ds.getConnection()) {
            // Another sync, inside its refresh: it holds the table's lock until its transaction ends.
            other.setAutoCommit(false);
            try (Statement st = other.createStatement()) {
                st.execute("select pg_advisory_xact_lock(hashtext('fxhome.planner-statistics'), "
                        + "hashtext('planner_statistics_probe'))");
            }
            long start = System.nanoTime();
            statistics.refreshIfStale("planner_statistics_probe");
            assertThat(reltuples()).as("not analyzed a second time meanwhile").isEqualTo(-1);
            assertThat(System.nanoTime() - start).as("nor waited for").isLessThan(5_000_000_000L);
            other.rollback();
        }
        statistics.refreshIfStale("planner_statistics_probe");
        assertThat(reltuples()).isEqualTo(1_000);
    }

    private void insert(int from, int to) throws SQLException {
        sql("insert into planner_statistics_probe select i, repeat('x', 100) from generate_series(" + from + ", " + to + ") i");
    }

    private double reltuples() throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st
                        .executeQuery("select reltuples from pg_class where oid = 'planner_statistics_probe'::regclass")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
