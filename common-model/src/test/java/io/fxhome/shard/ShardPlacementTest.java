package io.fxhome.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ShardPlacementTest {
    @Test
    void theOpenShardWithTheFewestAccountsTiesByName() {
        assertThat(ShardPlacement.leastLoaded(List.of("main", "eu2", "us1"), Map.of("main", 10L, "eu2", 4L, "us1", 7L)))
                .isEqualTo("eu2");
        // A shard without a line in the directory counts as empty: a new shard fills first.
        assertThat(ShardPlacement.leastLoaded(List.of("main", "eu2", "us1"), Map.of("main", 10L, "eu2", 4L))).isEqualTo("us1");
        assertThat(ShardPlacement.leastLoaded(List.of("main", "shard2"), Map.of())).isEqualTo("main");
        assertThat(ShardPlacement.leastLoaded(List.of("main", "eu2"), Map.of("main", 3L, "eu2", 3L))).isEqualTo("eu2");
    }

    @Test
    void closedShardsAreNeverChosenHoweverEmpty() {
        // Shards.openForNewAccounts() leaves the closed ones out; the emptiest of the rest wins.
        assertThat(ShardPlacement.leastLoaded(List.of("main", "us1"), Map.of("main", 9L, "us1", 8L, "eu2", 0L)))
                .isEqualTo("us1");
        assertThatThrownBy(() -> ShardPlacement.leastLoaded(List.of(), Map.of())).hasMessageContaining("no shard is open");
    }
}
