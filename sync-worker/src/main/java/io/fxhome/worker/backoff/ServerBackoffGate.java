package io.fxhome.worker.backoff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.fxhome.backoff.ServerBackoffStore;
import io.fxhome.backoff.ServerBackoffs;
import io.fxhome.backoff.UpstreamServer;
import io.fxhome.sync.client.SyncClient;
import io.fxhome.sync.http.BackoffTracker;
import io.fxhome.sync.token.SyncToken;
import io.fxhome.upstream.UpstreamConfig;
import io.fxhome.worker.config.WorkerConfig;
import io.quarkus.logging.Log;

/**
 * The worker's side of the server backoffs (docs/sync-worker.md, "Server backoff"): before a sync, whether the
 * account's storage node or the tokenserver asked everyone to stay away; after it, what the servers asked, written to
 * {@code upstream_backoff} in the default database for every worker and the scheduler. The table is read at most once
 * per {@code fxhome.worker.server-backoff-refresh}, not per job; what this process notes itself counts at once.
 */
@ApplicationScoped
public class ServerBackoffGate {
    private final ServerBackoffStore store;
    private final String tokenserverUrl;
    private final Duration refresh;
    private final Duration spread;
    private final Clock clock = Clock.systemUTC();
    private ServerBackoffs known = ServerBackoffs.none();
    private Instant readAt = Instant.MIN;

    public ServerBackoffGate(AgroalDataSource main, UpstreamConfig upstream, WorkerConfig config) {
        this.store = new ServerBackoffStore(main);
        this.tokenserverUrl = upstream.sync().tokenserverUrl();
        this.refresh = config.serverBackoffRefresh();
        this.spread = config.serverBackoffSpread();
    }

    /**
     * Until when an account whose last-known storage endpoint is {@code apiEndpoint} (null: never synced) must not be
     * synced because of a server's backoff, if it must not be now.
     */
    public Optional<Instant> backedOffUntil(String apiEndpoint) {
        Instant now = clock.instant();
        return current(now).until(apiEndpoint, now);
    }

    /**
     * When a deferred account comes back: a random moment within {@code fxhome.worker.server-backoff-spread} after the
     * backoff ends, so that the accounts behind one server do not all return at once.
     */
    public Instant spreadAfter(Instant until) {
        return until.plusMillis((long) (spread.toMillis() * ThreadLocalRandom.current().nextDouble()));
    }

    /** Notes the backoffs the client's servers asked for during its sync (none: nothing is written). */
    public void noteFrom(SyncClient client) {
        client.storageBackoff().ifPresent(backoff -> client.currentToken().map(SyncToken::apiEndpoint).ifPresent(
                endpoint -> note(UpstreamServer.storageNode(endpoint.toString()), backoff, "storage node")));
        client.tokenserverBackoff().ifPresent(backoff -> note(UpstreamServer.tokenserver(tokenserverUrl), backoff,
                "tokenserver"));
    }

    /** Reads the table now (tests, after changing it). */
    public synchronized void refreshNow() {
        readAt = Instant.MIN;
    }

    private void note(UpstreamServer server, BackoffTracker.Backoff backoff, String what) {
        String reason = (backoff.hard() ? "refused (503/429)" : "backoff header") + " from the " + what;
        try {
            store.record(server, backoff.until(), backoff.hard(), reason);
        } catch (RuntimeException e) {
            // The account that saw it is deferred anyway; the others learn it from the next answer.
            Log.warnf("cannot record the backoff of %s until %s: %s", server.url(), backoff.until(), e.getMessage());
        }
        synchronized (this) {
            Map<String, Instant> nodes = new HashMap<>(known.storageNodes());
            Instant tokenserver = known.tokenserver();
            if (server.kind() == UpstreamServer.Kind.STORAGE_NODE) {
                nodes.merge(server.url(), backoff.until(), ServerBackoffGate::later);
            } else {
                tokenserver = tokenserver == null ? backoff.until() : later(tokenserver, backoff.until());
            }
            known = new ServerBackoffs(nodes, tokenserver);
        }
        Log.infof("%s %s asked every account behind it to wait until %s (%s)", what, server.url(), backoff.until(),
                reason);
    }

    private synchronized ServerBackoffs current(Instant now) {
        if (readAt.plus(refresh).isBefore(now)) {
            try {
                known = store.inForce(now);
                readAt = now;
            } catch (RuntimeException e) {
                // Keep what was known; the next job tries again.
                Log.debugf("cannot read the server backoffs: %s", e.getMessage());
            }
        }
        return known;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
