package io.fxhome.worker.db;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.shard.testing.NewerReleaseMigration;
import io.quarkus.test.junit.QuarkusTest;

/** A process of this release still starts after a newer one migrated (a rolling upgrade). */
@QuarkusTest
class NewerSchemaTest {
    @Inject
    Flyway flyway;
    @Inject
    AgroalDataSource ds;

    @Test
    void aMigrationOfANewerReleaseIsNoError() throws Exception {
        NewerReleaseMigration.assertThisReleaseStillStarts(flyway, ds);
    }
}
