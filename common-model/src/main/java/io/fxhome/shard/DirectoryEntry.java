package io.fxhome.shard;

import java.util.UUID;

/** An account's line in the directory: which shard holds its rows. */
public record DirectoryEntry(UUID accountId, String shard) {
}
