package io.fxhome.shard.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The module under test with two shards on the local PostgreSQL: {@code main} is the module's test database (its
 * {@code %test.quarkus.datasource.jdbc.url}), {@code shard2} is the database of the same name with {@code _shard2}
 * appended ({@code fxhome_test_worker_shard2} and so on: bin/fxhome-env.sh creates them), or
 * {@code -Dit.shard2-jdbc-url}, for runs beside another build. Tests read the second URL with
 * {@code @ConfigProperty(name = TwoShards.SHARD2_JDBC_URL)}.
 */
public class TwoShards implements QuarkusTestProfile {
    /** The configuration key of the second shard's JDBC URL. */
    public static final String SHARD2_JDBC_URL = "fxhome.shards.extra.shard2.jdbc-url";

    @Override
    public Map<String, String> getConfigOverrides() {
        // An expression, expanded by the application's own configuration: the module's test database, plus _shard2.
        return Map.of(SHARD2_JDBC_URL, System.getProperty("it.shard2-jdbc-url", "${quarkus.datasource.jdbc.url}_shard2"));
    }
}
