package io.fxhome.shard;

import org.flywaydb.core.Flyway;

/**
 * Runs the schema migrations on a shard exactly as Quarkus runs them on the default datasource: the same Flyway
 * configuration (migrations found at build time, placeholders, table), only another database. Flyway holds a
 * PostgreSQL advisory lock per database, so processes may start together here too.
 */
final class ShardMigrations {
    private ShardMigrations() {
    }

    /** @param cleanFirst empty the shard first: only where the default datasource is cleaned too (tests) */
    static void migrate(Flyway template, Shard shard, boolean cleanFirst) {
        Flyway flyway = Flyway.configure(template.getConfiguration().getClassLoader())
                .configuration(template.getConfiguration())
                .dataSource(shard.dataSource())
                .load();
        if (cleanFirst) {
            flyway.clean();
        }
        flyway.migrate();
    }
}
