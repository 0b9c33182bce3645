package io.fxhome.worker.run;

import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncReason;
import io.fxhome.model.account.AccountStatus;
import io.fxhome.runhistory.RunHistoryConfig;
import io.fxhome.secrets.AccountSecrets;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.secrets.SealedAccountSecrets;
import io.fxhome.shard.Shard;
import io.fxhome.shard.ShardRouter;
import io.fxhome.sync.client.SyncClient;
import io.fxhome.sync.client.SyncClientConfig;
import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.error.SyncException;
import io.fxhome.sync.fxa.SyncCredentials;
import io.fxhome.sync.http.HttpTransport;
import io.fxhome.sync.storage.DownloadResult;
import io.fxhome.sync.storage.InfoCollections;
import io.fxhome.sync.storage.MetaGlobal;
import io.fxhome.sync.storage.ServerTimestamp;
import io.fxhome.sync.token.StorageNode;
import io.fxhome.upstream.UpstreamConfig;
import io.fxhome.worker.backoff.ServerBackoffGate;
import io.fxhome.worker.config.MemorySize;
import io.fxhome.worker.config.WorkerConfig;
import io.fxhome.worker.db.DatabaseException;
import io.fxhome.worker.db.Transactions;
import io.fxhome.worker.lease.AccountLease;
import io.fxhome.worker.sendtab.SendTabReceiver;
import io.fxhome.worker.state.AccountSyncState;
import io.fxhome.worker.state.CollectionState;
import io.fxhome.worker.state.SyncStateRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * Brings one account's copy up to date, on the account's shard (looked up once per job), holding the account's lease
 * (AccountLease) for the whole sync. What to do at each turn is SyncPlan's to decide; what is written about the
 * account is AccountStatusWriter's and SyncRunRecorder's; the downloads are CollectionSyncs'. This class runs them in
 * order and owns what lives longer than one job: the HTTP client, the token cache and the page writers' permits.
 * Created at start, so that its metrics (the slots an autoscaler reads) are there before the first job.
 */
@Startup
@ApplicationScoped
public class AccountSyncer {
    /** The collections fxhome mirrors, in the order Firefox syncs them (devices before their tabs). */
    private static final String[] COLLECTIONS = { "clients", "tabs", "bookmarks", "history" };

    private final ShardRouter shards;
    private final AccountSecretsCipher cipher;
    private final SyncClientConfig clientConfig;
    private final WorkerConfig config;
    private final Clock clock;
    private final SyncMetrics metrics;
    private final TokenCache tokens;
    /** Connections beyond one per account for writing history pages, shared by the accounts in flight. */
    private final Semaphore extraWriters;
    /** One HTTP client (connection pool) for every account this process syncs. */
    private final HttpTransport http;
    private final RefreshTokenRotation rotation;
    private final int maxRecordBytes;
    private final long chunkBytes;
    private final int skippedKept;
    /** What the servers asked of everyone behind them, checked before and noted after each sync. */
    private final ServerBackoffGate serverBackoffs;
    /** Each shard's group commit of finished runs. */
    private final Map<DataSource, RunGroupCommit> runGroups = new ConcurrentHashMap<>();
    /** Send Tab: the tabs other Firefoxes sent to fxhome, fetched after each successful sync. */
    @Inject
    SendTabReceiver sendTab;

    public AccountSyncer(ShardRouter shards, AccountSecretsCipher cipher, UpstreamConfig upstream, WorkerConfig config,
            RunHistoryConfig runHistory, MeterRegistry registry, ServerBackoffGate serverBackoffs) {
        this.shards = shards;
        this.skippedKept = runHistory.skippedPerRun();
        this.serverBackoffs = serverBackoffs;
        this.metrics = new SyncMetrics(registry, config.effectiveConcurrency());
        this.cipher = cipher;
        this.config = config;
        this.extraWriters = new Semaphore(config.extraHistoryWriters());
        this.tokens = new TokenCache(config.tokenCacheSize());
        this.clock = Clock.systemUTC();
        this.clientConfig = UpstreamConfig.syncClientConfig(upstream, config.pageSize());
        this.http = UpstreamConfig.httpTransport(upstream);
        this.rotation = new RefreshTokenRotation(cipher);
        this.maxRecordBytes = (int) MemorySize.parse(config.maxRecordBytes(), "fxhome.worker.max-record-bytes");
        this.chunkBytes = MemorySize.parse(config.pageChunkBytes(), "fxhome.worker.page-chunk-bytes");
    }

    public SyncResult sync(SyncJob job) {
        UUID accountId = job.accountId();
        Shard shard = shards.shardOf(accountId);
        SyncJob pass = job;
        try {
            // The account is read in the same network exchange as the lease's lock, and after it.
            Optional<AccountLease.Taken<Optional<AccountSnapshot>>> taken = AccountLease.tryTake(shard.dataSource(),
                    accountId, AccountSnapshot.QUERY, rows -> AccountSnapshot.of(rows, accountId));
            if (taken.isEmpty() && wantsASyncAfterIt(job)) {
                taken = AccountLease.askTheHolderToSyncAgain(shard.dataSource(), accountId, AccountSnapshot.QUERY,
                        rows -> AccountSnapshot.of(rows, accountId));
            }
            SyncOutcome outcome = SyncOutcome.duplicate();
            boolean answersWord = false;
            while (taken.isPresent()) {
                boolean again;
                try (AccountLease lease = taken.get().lease()) {
                    if (answersWord) {
                        lease.clearSyncAgain();
                        Log.infof("account %s: a sync was asked for while the last one ran: syncing again", accountId);
                    }
                    outcome = syncUnder(shard, pass, taken.get().read());
                    again = lease.releaseAndCheckSyncAgain();
                }
                if (outcome.kind() != SyncOutcome.Kind.DONE) {
                    // Settled as this pass's job. A word left meanwhile stays for the next sync of the account (the
                    // retry of a failed pass, or whatever comes after a backoff or a new sign-in), which answers it.
                    return new SyncResult(outcome, pass);
                }
                if (!again) {
                    break;
                }
                // A "sync now" came while this pass held the lease and left it word (see AccountLease). Bounded by
                // the requests themselves: one per fxhome.jobs.interactive.min-interval per account.
                pass = SyncJob.of(accountId, SyncReason.INTERACTIVE, clock.instant());
                answersWord = true;
                taken = AccountLease.tryTake(shard.dataSource(), accountId, AccountSnapshot.QUERY,
                        rows -> AccountSnapshot.of(rows, accountId));
            }
            return new SyncResult(outcome, job);
        } catch (SQLException e) {
            return new SyncResult(SyncOutcome.retry(new DatabaseException(e).getMessage()), pass);
        }
    }

    /**
     * Whether a job must be followed by a sync that starts after it, even when it finds the account syncing: a user's
     * "sync now" or a first link. A scheduled job is dropped then (the scheduler publishes the next one after the
     * running sync ends), and so is the app's short poll for Send Tab commands.
     */
    private static boolean wantsASyncAfterIt(SyncJob job) {
        return job.work() == SyncJob.Work.SYNC && job.reason().interactive();
    }

    private SyncOutcome syncUnder(Shard shard, SyncJob job, Optional<AccountSnapshot> account) {
        long started = metrics.started();
        try {
            if (job.work() == SyncJob.Work.RECEIVE_COMMANDS) {
                return receiveCommands(new Transactions(shard.dataSource()), job.accountId(), account);
            }
            return syncLeased(new Transactions(shard.dataSource()), runsOf(shard), job, account);
        } finally {
            metrics.finished(started);
        }
    }

    /**
     * The app's short poll while the user has it open: only the Send Tab commands, under the lease like a sync (so it
     * never fetches alongside a sync of the same account). No run row: one every few seconds per open app would bury
     * the syncs in the run history.
     */
    private SyncOutcome receiveCommands(Transactions tx, UUID accountId, Optional<AccountSnapshot> account) {
        if (account.isEmpty()) {
            return SyncOutcome.skipped("no such account");
        }
        if (account.get().account().status() != AccountStatus.ACTIVE || account.get().secrets() == null) {
            return SyncOutcome.skipped("account is " + account.get().account().status().dbValue());
        }
        AccountRow.StoredSecrets loaded = account.get().secrets();
        AccountSecrets secrets = cipher.open(accountId, loaded.sealed());
        try {
            int received = sendTab.receiveNow(tx, accountId, credentials(secrets, loaded), loaded.sealed(),
                    account.get().sendTabDevice());
            Log.debugf("account %s: commands received (%d new tab(s))", accountId, received);
        } catch (SyncException e) {
            ClientFailure failure = ClientFailure.of(e);
            if (SyncPlan.afterFailure(failure) instanceof SyncPlan.NeedsReauth needsReauth) {
                // The token is gone: the user removed fxhome from their devices (or revoked it). Said on the account
                // at once, as the next sync would; fxhome registers again only after a new sign-in.
                tokens.forget(accountId);
                new AccountStatusWriter(tx).needsReauth(accountId, needsReauth.reason());
                return SyncOutcome.needsReauth(needsReauth.reason());
            }
            // Anything else waits for the next poll or sync: a missed poll is not worth a retry.
            Log.infof("account %s: commands not fetched now (%s)", accountId, failure.status());
        }
        return SyncOutcome.done();
    }

    private static SyncCredentials credentials(AccountSecrets secrets, AccountRow.StoredSecrets loaded) {
        return new SyncCredentials(secrets.refreshToken(), KeyBundle.fromKSync(secrets.syncKeyBundle()),
                secrets.keyId(), secrets.keyRotationTimestamp(), loaded.oauthClientId());
    }

    /** An account's secrets, opened the first time they are asked for and kept for the rest of its job. */
    private final class OpenedSecrets {
        private final UUID accountId;
        private final SealedAccountSecrets sealed;
        private AccountSecrets opened;

        OpenedSecrets(UUID accountId, SealedAccountSecrets sealed) {
            this.accountId = accountId;
            this.sealed = sealed;
        }

        synchronized AccountSecrets get() {
            if (opened == null) {
                opened = cipher.open(accountId, sealed);
            }
            return opened;
        }
    }

    private RunGroupCommit runsOf(Shard shard) {
        return runGroups.computeIfAbsent(shard.dataSource(), RunGroupCommit::new);
    }

    /** Every job leaves a run row, even one that had nothing to do: operators see why an account did not sync. */
    private SyncOutcome syncLeased(Transactions tx, RunGroupCommit runs, SyncJob job, Optional<AccountSnapshot> account) {
        UUID accountId = job.accountId();
        if (account.isEmpty()) {
            return SyncOutcome.skipped("no such account");
        }
        AccountStatusWriter status = new AccountStatusWriter(tx);
        SyncRunRecorder run = new SyncRunRecorder(tx, runs, accountId, job, clock, skippedKept);
        SyncOutcome outcome;
        try {
            outcome = syncAccount(tx, status, account.get(), run, job.reason().interactive());
        } catch (RuntimeException e) {
            // A database error, a secret that will not open, a bug: retried, and recorded like any other run.
            Log.errorf(e, "account %s: sync failed", accountId);
            outcome = SyncOutcome.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (outcome.kind() == SyncOutcome.Kind.RETRY) {
            status.failed(accountId);
        }
        run.finish(outcome);
        metrics.record(outcome, run);
        if (outcome.kind() == SyncOutcome.Kind.DONE && run.applied() == 0 && run.deletedCount() == 0
                && run.skippedRecords().total() == 0) {
            // Most syncs of a fleet find nothing new: a line each was 3 % of a busy worker, and says nothing the run
            // history (and the metrics) do not.
            Log.debugf("account %s: nothing new in %d ms", accountId, run.elapsed().toMillis());
        } else {
            Log.infof("account %s: %s in %d ms (%d applied, %d skipped)%s", accountId, outcome.kind(),
                    run.elapsed().toMillis(), run.applied(), run.skippedRecords().total(),
                    outcome.reason() == null ? "" : ": " + outcome.reason());
        }
        return outcome;
    }

    private SyncOutcome syncAccount(Transactions tx, AccountStatusWriter status, AccountSnapshot account,
            SyncRunRecorder run, boolean interactive) {
        UUID accountId = account.account().id();
        Optional<SyncOutcome> heldBack = SyncPlan.holdBack(account.account(), clock.instant());
        if (heldBack.isPresent()) {
            return heldBack.get();
        }
        AccountRow.StoredSecrets loaded = account.secrets();
        if (loaded == null) {
            throw new DatabaseException(new SQLException("account " + accountId + " has no stored secrets"));
        }
        SealedAccountSecrets sealed = loaded.sealed();
        // Opened only if a request needs them: a sync that finds nothing new with cached tokens, within Send Tab's poll
        // interval, never does (AES-GCM of four fields was a measurable share of such a sync).
        OpenedSecrets secrets = new OpenedSecrets(accountId, sealed);
        Supplier<SyncCredentials> credentials = () -> credentials(secrets.get(), loaded);
        AtomicReference<SealedAccountSecrets> stored = new AtomicReference<>(sealed);
        SyncPlan.AfterFailure failure;
        try {
            AccountSyncState state = account.state();
            Optional<Instant> serverBackoff = serverBackoffs.backedOffUntil(state.apiEndpoint());
            if (serverBackoff.isPresent()) {
                // Its node (or the tokenserver) asked everyone to wait: no request at all, and no failure either.
                status.backedOff(accountId, serverBackoffs.spreadAfter(serverBackoff.get()));
                return SyncOutcome.backedOff("server backoff of its storage node or the tokenserver until "
                        + serverBackoff.get());
            }
            // Every upstream call of this sync ends by its deadline: a stalled server never holds the lease for long.
            SyncClient.Builder builder = SyncClient.builder(clientConfig, credentials)
                    .http(http.withDeadline(config.syncDeadline()))
                    .onRefreshTokenRotated(token -> storeRotatedRefreshToken(tx, accountId, stored, secrets.get(),
                            token));
            if (state.apiEndpoint() != null && state.storageUid() != null) {
                builder.knownNode(new StorageNode(URI.create(state.apiEndpoint()), Long.parseLong(state.storageUid())));
            }
            tokens.get(accountId).ifPresent(cached -> {
                if (cached.accessToken() != null) {
                    builder.accessToken(cached.accessToken());
                }
                if (cached.syncToken() != null) {
                    builder.token(cached.syncToken());
                }
            });
            SyncClient client = builder.build();
            try {
                SyncOutcome outcome = syncWithClient(tx, status, client, accountId, state, run);
                // A scheduled sync fetches the commands only every fxhome.send-tab.poll-interval; a user waiting always.
                sendTab.poll(tx, accountId, credentials, stored.get(), account.sendTabDevice(),
                        interactive);
                return outcome;
            } finally {
                tokens.put(accountId, client.accessToken(), client.currentToken());
                serverBackoffs.noteFrom(client);
            }
        } catch (SyncException e) {
            failure = SyncPlan.afterFailure(ClientFailure.of(e));
        } catch (DatabaseException e) {
            return SyncOutcome.retry(e.getMessage());
        }
        return switch (failure) {
            case SyncPlan.BackOff backOff -> {
                status.backedOff(accountId, backOff.until());
                yield SyncOutcome.backedOff(backOff.reason());
            }
            case SyncPlan.NeedsReauth needsReauth -> {
                tokens.forget(accountId);
                status.needsReauth(accountId, needsReauth.reason());
                yield SyncOutcome.needsReauth(needsReauth.reason());
            }
            case SyncPlan.Retry retry -> {
                if (retry.shownOnAccount()) {
                    status.refused(accountId, retry.reason());
                }
                yield SyncOutcome.retry(retry.reason());
            }
        };
    }

    /** Runs the sync; after a node reassignment, once more from scratch on the new node. */
    private SyncOutcome syncWithClient(Transactions tx, AccountStatusWriter status, SyncClient client, UUID accountId,
            AccountSyncState state, SyncRunRecorder run) {
        SyncOutcome outcome;
        try {
            outcome = syncWith(tx, client, accountId, state, run);
        } catch (SyncException e) {
            if (!SyncPlan.startsOver(ClientFailure.of(e))) {
                throw e;
            }
            // The data moved (or the keys changed): forget everything we knew about the old node and start over.
            Log.infof("account %s: storage node reassigned, full resync", accountId);
            tx.inTransaction(c -> {
                SyncStateRepository repository = new SyncStateRepository(c);
                repository.save(accountId, AccountSyncState.EMPTY);
                repository.resetCollections(accountId);
                return null;
            });
            outcome = syncWith(tx, client, accountId, AccountSyncState.EMPTY, run);
        }
        run.synced(client.backoffUntil(), run.applied() > 0 || run.deletedCount() > 0);
        return outcome;
    }

    private SyncOutcome syncWith(Transactions tx, SyncClient client, UUID accountId, AccountSyncState state,
            SyncRunRecorder run) {
        StorageNode node = client.node();
        boolean sameNode = SyncPlan.sameNode(state, node);
        ServerTimestamp ifModifiedSince = sameNode && state.storeLastModified() != null
                ? ServerTimestamp.parse(state.storeLastModified())
                : null;
        Optional<InfoCollections> info = client.infoCollections(ifModifiedSince);
        if (info.isEmpty()) {
            return SyncOutcome.done();
        }
        Optional<MetaGlobal> meta = client.metaGlobal();
        Optional<CollectionKeys> keys = meta.isPresent() ? client.collectionKeys() : Optional.empty();
        if (meta.isEmpty() || keys.isEmpty()) {
            // No Sync data set up yet (or being re-uploaded): nothing to mirror, and never anything to write upstream.
            return SyncOutcome.done();
        }
        String fingerprint = BulkKeysFingerprint.of(keys.get());
        boolean all = SyncPlan.downloadAllAgain(state, sameNode, meta.get().syncId(), fingerprint);
        Map<String, CollectionState> collections = tx.withoutTransaction(
                c -> new SyncStateRepository(c).loadCollections(accountId));
        CollectionSyncs syncs = new CollectionSyncs(client, keys.get(), tx, accountId, config.pageSize(), maxRecordBytes,
                chunkBytes, extraWriters, run);
        if (all || collections.isEmpty()) {
            // A full download (a first sync, above all) shows "n of m": one cheap request gives the m.
            try {
                syncs.expectCounts(client.collectionCounts());
            } catch (SyncException e) {
                Log.debugf("account %s: no collection counts (%s); progress without totals", accountId, e.getMessage());
            }
        }
        for (String name : COLLECTIONS) {
            if (!meta.get().isEnabled(name) && !name.equals("clients")) {
                continue;
            }
            CollectionState current = collections.getOrDefault(name, CollectionState.empty(name));
            MetaGlobal.EngineInfo engine = meta.get().engine(name).orElse(null);
            ServerTimestamp mark = SyncPlan.downloadFrom(all, current, engine);
            if (!SyncPlan.changedSince(mark, info.get().modified(name))) {
                continue;
            }
            long collectionStart = System.nanoTime();
            DownloadResult result = switch (name) {
                case "clients" -> syncs.clients();
                case "tabs" -> syncs.tabs();
                case "bookmarks" -> syncs.bookmarks(mark);
                default -> syncs.history(mark);
            };
            Log.debugf("account %s: %s %s in %d ms", accountId, name, mark == null ? "in full" : "since its mark",
                    (System.nanoTime() - collectionStart) / 1_000_000);
            // The mark moves only now, after every page of the collection is committed.
            CollectionState done = new CollectionState(name,
                    result.lastModified() == null ? null : result.lastModified().text(),
                    engine == null ? null : engine.syncId(), engine == null ? null : engine.version(), fingerprint);
            tx.withoutTransaction(c -> {
                new SyncStateRepository(c).saveCollection(accountId, done);
                return null;
            });
        }
        AccountSyncState next = new AccountSyncState(node.apiEndpoint().toString(), Long.toString(node.uid()),
                meta.get().syncId(), meta.get().storageVersion(), info.get().lastModified().text(),
                info.get().modified("crypto").map(ServerTimestamp::text).orElse(null), fingerprint);
        tx.withoutTransaction(c -> {
            new SyncStateRepository(c).save(accountId, next);
            return null;
        });
        return SyncOutcome.done();
    }

    /** After the job was given up on: the account says why, for operators and its user. */
    public void recordDeadLetter(SyncJob job, String reason) {
        new AccountStatusWriter(new Transactions(shards.dataSource(job.accountId())))
                .deadLettered(job.accountId(), job.attempt() + 1, reason);
    }

    /**
     * FxA issued a new refresh token in place of the stored one: stored at once, in its own transaction, before the
     * access token it came with is used, since the old one may stop working. Skipped when the user signed in again
     * meanwhile (the row then holds newer credentials).
     */
    private void storeRotatedRefreshToken(Transactions tx, UUID accountId, AtomicReference<SealedAccountSecrets> stored,
            AccountSecrets secrets, String token) {
        SealedAccountSecrets now = tx.inTransaction(c -> rotation.store(c, accountId, stored.get(), secrets, token));
        if (now == null) {
            Log.infof("account %s: Firefox Accounts rotated the refresh token, but the account was linked again "
                    + "meanwhile; kept the new link", accountId);
            return;
        }
        stored.set(now);
        Log.infof("account %s: stored the refresh token Firefox Accounts rotated", accountId);
    }
}
