package io.fxhome.shard;

import java.sql.SQLException;
import java.time.Duration;

import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.postgresql.Driver;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.agroal.narayana.NarayanaTransactionIntegration;

/**
 * Connection pools of the shards beyond the default datasource. Shards are configured at run time, so they cannot be
 * Quarkus named datasources (those are fixed at build time); these pools are built like Quarkus builds its own: same
 * driver, validation and idle reaping, and enlisted in JTA transactions, so that code running in a
 * {@code QuarkusTransaction} gets the same transaction semantics on every shard.
 */
final class ShardPools {
    private ShardPools() {
    }

    /** What a shard takes from the default datasource when its own settings leave it open. */
    record Defaults(String username, String password, int maxSize) {
    }

    static AgroalDataSource open(ShardsConfig.ShardDatabase db, Defaults defaults, TransactionManager tm,
            TransactionSynchronizationRegistry registry) throws SQLException {
        String user = db.username().orElse(defaults.username());
        String password = db.password().orElse(defaults.password());
        var config = new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(false)
                .connectionPoolConfiguration(pool -> pool
                        .initialSize(0)
                        .minSize(0)
                        .maxSize(db.maxSize().orElse(defaults.maxSize()))
                        // Quarkus' defaults for its own pools: 5 s to get a connection, idle ones closed after 5 min,
                        // validated every 2 min in the background.
                        .acquisitionTimeout(Duration.ofSeconds(5))
                        .reapTimeout(Duration.ofMinutes(5))
                        .validationTimeout(Duration.ofMinutes(2))
                        .connectionValidator(ConnectionValidator.defaultValidator())
                        .transactionIntegration(new NarayanaTransactionIntegration(tm, registry))
                        .connectionFactoryConfiguration(factory -> {
                            factory.jdbcUrl(db.jdbcUrl()).connectionProviderClass(Driver.class);
                            if (user != null) {
                                factory.principal(new NamePrincipal(user));
                            }
                            if (password != null) {
                                factory.credential(new SimplePassword(password));
                            }
                            return factory;
                        }));
        return AgroalDataSource.from(config);
    }
}
