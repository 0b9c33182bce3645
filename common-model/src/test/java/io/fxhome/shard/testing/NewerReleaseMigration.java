package io.fxhome.shard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * What a process of the previous release meets when it restarts during a rolling upgrade: a migration that a newer
 * process applied first, in Flyway's history table only (docs/operations.md, "Upgrading").
 */
public final class NewerReleaseMigration {
    private NewerReleaseMigration() {
    }

    /**
     * Records a migration newer than every one of this release, then checks that this process's Flyway, configured as
     * it starts, validates and migrates without an error (applying nothing); removes the record again.
     */
    public static void assertThisReleaseStillStarts(Flyway flyway, DataSource ds) throws SQLException {
        try (var c = ds.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("""
                    insert into flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                                       installed_by, execution_time, success)
                    select coalesce(max(installed_rank), 0) + 1, '9999', 'from a newer release', 'SQL',
                           'V9999__from_a_newer_release.sql', 0, current_user, 0, true
                      from flyway_schema_history""");
            try {
                assertThatCode(flyway::validate).doesNotThrowAnyException();
                assertThat(flyway.migrate().migrationsExecuted).isZero();
            } finally {
                s.executeUpdate("delete from flyway_schema_history where version = '9999'");
            }
        }
    }
}
