package io.fxhome.backoff;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The server backoffs known at one moment: per storage node (by {@link UpstreamServer#storageNodeOf node URL}) and
 * the latest of the tokenservers'. fxhome talks to one tokenserver, so its backoff holds for every account.
 *
 * @param storageNodes end of each node's backoff
 * @param tokenserver end of the tokenserver's backoff, or null
 */
public record ServerBackoffs(Map<String, Instant> storageNodes, Instant tokenserver) {
    private static final ServerBackoffs NONE = new ServerBackoffs(Map.of(), null);

    public ServerBackoffs {
        storageNodes = Map.copyOf(storageNodes);
    }

    public static ServerBackoffs none() {
        return NONE;
    }

    /**
     * Until when an account may not be synced because of a server: the later of the tokenserver's backoff and that of
     * the node of its last-known {@code apiEndpoint} (null: none known yet, only the tokenserver's applies), if still
     * in force at {@code now}.
     */
    public Optional<Instant> until(String apiEndpoint, Instant now) {
        Instant latest = tokenserver != null && tokenserver.isAfter(now) ? tokenserver : null;
        Instant node = apiEndpoint == null ? null : storageNodes.get(UpstreamServer.storageNodeOf(apiEndpoint));
        if (node != null && node.isAfter(now) && (latest == null || node.isAfter(latest))) {
            latest = node;
        }
        return Optional.ofNullable(latest);
    }

    public boolean isEmpty() {
        return storageNodes.isEmpty() && tokenserver == null;
    }
}
