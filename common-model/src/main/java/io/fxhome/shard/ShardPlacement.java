package io.fxhome.shard;

import java.util.Comparator;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where a new account goes: the open shard with the fewest accounts in the directory, ties broken by name. Counting
 * is an index-only scan of the directory, done once per new account; two accounts placed at the same instant may land
 * on the same shard, which the next placements even out.
 */
@ApplicationScoped
public class ShardPlacement {
    private final Shards shards;
    private final AccountDirectory directory;

    public ShardPlacement(Shards shards, AccountDirectory directory) {
        this.shards = shards;
        this.directory = directory;
    }

    public String choose() {
        if (shards.openForNewAccounts().size() == 1) {
            return shards.openForNewAccounts().get(0);
        }
        Map<String, Long> counts = directory.accountsPerShard();
        return shards.openForNewAccounts().stream()
                .min(Comparator.<String> comparingLong(name -> counts.getOrDefault(name, 0L)).thenComparing(Comparator.naturalOrder()))
                .orElseThrow();
    }
}
