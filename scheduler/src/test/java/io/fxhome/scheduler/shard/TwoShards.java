package io.fxhome.scheduler.shard;

import java.util.Map;

import io.fxhome.shard.testing.ShardDatabases;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The scheduler with two shards on the local PostgreSQL: {@code main} is the module's test database (also the control
 * database: pause flag, tick record, Quartz), {@code shard2} is {@code fxhome_test_scheduler_shard2} (bin/fxhome-env.sh
 * creates it; {@code -Dit.shard2-jdbc-url} points elsewhere).
 */
public class TwoShards implements QuarkusTestProfile {
    static final String SHARD2_URL = ShardDatabases.secondShardUrl("fxhome_test_scheduler_shard2");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fxhome.shards.extra.shard2.jdbc-url", SHARD2_URL);
    }
}
