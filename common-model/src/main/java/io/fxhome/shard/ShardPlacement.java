package io.fxhome.shard;

import java.util.Comparator;
import java.util.List;
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
        List<String> open = shards.openForNewAccounts();
        // One shard open (always so without sharding): nothing to count.
        return open.size() == 1 ? open.get(0) : leastLoaded(open, directory.accountsPerShard());
    }

    /** The shard of {@code open} with the fewest accounts ({@code counts} leaves out empty shards), ties by name. */
    static String leastLoaded(List<String> open, Map<String, Long> counts) {
        return open.stream()
                .min(Comparator.<String> comparingLong(name -> counts.getOrDefault(name, 0L))
                        .thenComparing(Comparator.naturalOrder()))
                .orElseThrow(() -> new IllegalStateException("no shard is open for new accounts"));
    }
}
