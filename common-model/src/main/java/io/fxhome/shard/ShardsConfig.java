package io.fxhome.shard;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The PostgreSQL shards (docs/sharding.md). The default datasource ({@code quarkus.datasource.*}) is always shard
 * {@value Shards#MAIN} and holds the account directory; each entry here adds one more database. Every process (web
 * app, workers, schedulers) must be given the same shards. Without any, fxhome is the single database it always was.
 */
@ConfigMapping(prefix = "fxhome.shards")
public interface ShardsConfig {
    /**
     * {@code fxhome.shards.extra.<name>.*} (env {@code FXHOME_SHARDS_EXTRA_<NAME>_JDBC_URL} ...): the shards beyond
     * {@value Shards#MAIN}, by name (lower-case letters and digits, up to 40; the name is stored in the directory and
     * shown to load balancers, so never rename one). Default: none.
     */
    Map<String, ShardDatabase> extra();

    /**
     * {@code fxhome.shards.closed}: shards that take no new accounts (full, or being drained); their accounts are
     * served as before. Default: none.
     */
    Optional<List<String>> closed();

    /**
     * {@code fxhome.shards.directory-cache-ttl}: how long a process trusts the shard it looked up for an account. An
     * account moved to another shard is served from the new one by every process within this time.
     */
    @WithDefault("10m")
    Duration directoryCacheTtl();

    interface ShardDatabase {
        /** {@code fxhome.shards.extra.<name>.jdbc-url}: e.g. {@code jdbc:postgresql://db2:5432/fxhome}. */
        String jdbcUrl();

        /** {@code fxhome.shards.extra.<name>.username}: default the default datasource's user. */
        Optional<String> username();

        /** {@code fxhome.shards.extra.<name>.password}: default the default datasource's password. */
        Optional<String> password();

        /** {@code fxhome.shards.extra.<name>.max-size}: the pool's connections; default the default datasource's. */
        OptionalInt maxSize();
    }
}
