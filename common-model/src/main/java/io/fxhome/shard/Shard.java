package io.fxhome.shard;

import io.agroal.api.AgroalDataSource;

/**
 * One PostgreSQL database holding whole accounts: every row of an account lives in exactly one shard.
 *
 * @param name as stored in the directory and sent to load balancers
 */
public record Shard(String name, AgroalDataSource dataSource) {
    @Override
    public String toString() {
        return "Shard[" + name + "]";
    }
}
