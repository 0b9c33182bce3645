package io.fxhome.web.shard;

import java.util.Map;

import io.fxhome.shard.testing.ShardDatabases;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The web app with two shards on the local PostgreSQL: {@code main} is the module's test database (the default
 * datasource, which also holds the directory), {@code shard2} is {@code fxhome_test_web_shard2} (created by
 * bin/fxhome-env.sh; emptied at start like the main one, since the test profile cleans at start).
 */
public class TwoShards implements QuarkusTestProfile {
    static final String SHARD2_URL = ShardDatabases.secondShardUrl("fxhome_test_web_shard2");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fxhome.shards.extra.shard2.jdbc-url", SHARD2_URL);
    }
}
