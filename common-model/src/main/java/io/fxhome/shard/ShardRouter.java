package io.fxhome.shard;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Which database serves an account: every per-user query asks here first. One shard: always the default datasource,
 * without a lookup. Several: the directory's answer (cached); an account the directory does not list is on
 * {@value Shards#MAIN}, where every account created before sharding lives.
 */
@ApplicationScoped
public class ShardRouter {
    private final Shards shards;
    private final AccountDirectory directory;

    public ShardRouter(Shards shards, AccountDirectory directory) {
        this.shards = shards;
        this.directory = directory;
    }

    public Shard shardOf(UUID accountId) {
        if (!shards.sharded()) {
            return shards.main();
        }
        return directory.shardOf(accountId).map(shards::require).orElseGet(shards::main);
    }

    public AgroalDataSource dataSource(UUID accountId) {
        return shardOf(accountId).dataSource();
    }
}
