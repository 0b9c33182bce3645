package io.fxhome.worker.e2e;

import java.util.Map;

import io.fxhome.shard.testing.ShardDatabases;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The worker with two shards on the local PostgreSQL: {@code main} is the module's test database, {@code shard2} is
 * {@code fxhome_test_worker_shard2} (bin/fxhome-env.sh creates it; {@code -Dit.shard2-jdbc-url} points elsewhere, for
 * runs beside another build). The test profile empties both at start.
 */
public class TwoShards implements QuarkusTestProfile {
    static final String SHARD2_URL = ShardDatabases.secondShardUrl("fxhome_test_worker_shard2");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fxhome.shards.extra.shard2.jdbc-url", SHARD2_URL);
    }
}
