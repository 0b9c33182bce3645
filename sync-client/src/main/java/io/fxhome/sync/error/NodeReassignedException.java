package io.fxhome.sync.error;

import java.net.URI;

/**
 * The tokenserver moved the user: a new token carries another {@code api_endpoint} or {@code uid}. Everything the
 * caller remembers about server state (high-water marks, meta/global, bulk keys) is void; reset and start over.
 */
public final class NodeReassignedException extends SyncException {
    private final URI previousEndpoint;
    private final long previousUid;
    private final URI newEndpoint;
    private final long newUid;

    public NodeReassignedException(URI previousEndpoint, long previousUid, URI newEndpoint, long newUid) {
        super("Sync storage node reassigned (uid " + previousUid + " -> " + newUid + ", host "
                + previousEndpoint.getHost() + " -> " + newEndpoint.getHost() + ")");
        this.previousEndpoint = previousEndpoint;
        this.previousUid = previousUid;
        this.newEndpoint = newEndpoint;
        this.newUid = newUid;
    }

    public URI previousEndpoint() {
        return previousEndpoint;
    }

    public long previousUid() {
        return previousUid;
    }

    public URI newEndpoint() {
        return newEndpoint;
    }

    public long newUid() {
        return newUid;
    }

    @Override
    public SyncStatus status() {
        return SyncStatus.OTHER;
    }
}
