package io.fxhome.sync.client;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.crypto.EncryptedPayload;
import io.fxhome.sync.crypto.RecordCipher;
import io.fxhome.sync.error.AuthenticationException;
import io.fxhome.sync.error.BackedOffException;
import io.fxhome.sync.error.CryptoException;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.KeysInvalidException;
import io.fxhome.sync.error.NodeReassignedException;
import io.fxhome.sync.error.ServerProtocolException;
import io.fxhome.sync.error.StorageHttpException;
import io.fxhome.sync.error.StorageVersionException;
import io.fxhome.sync.error.SyncException;
import io.fxhome.sync.error.TokenServerException;
import io.fxhome.sync.error.UntrustedEndpointException;
import io.fxhome.sync.fxa.AccessToken;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.sync.fxa.RefreshResult;
import io.fxhome.sync.fxa.SyncCredentials;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.hawk.NonceSource;
import io.fxhome.sync.http.BackoffTracker;
import io.fxhome.sync.http.HttpTransport;
import io.fxhome.sync.json.Json;
import io.fxhome.sync.storage.Bso;
import io.fxhome.sync.storage.DownloadRequest;
import io.fxhome.sync.storage.DownloadResult;
import io.fxhome.sync.storage.InfoCollections;
import io.fxhome.sync.storage.InfoConfiguration;
import io.fxhome.sync.storage.MetaGlobal;
import io.fxhome.sync.storage.RecordSink;
import io.fxhome.sync.storage.ServerTimestamp;
import io.fxhome.sync.storage.StorageClient;
import io.fxhome.sync.storage.StorageSession;
import io.fxhome.sync.token.StorageEndpointPolicy;
import io.fxhome.sync.token.StorageNode;
import io.fxhome.sync.token.SyncToken;
import io.fxhome.sync.token.TokenServerClient;

/**
 * The façade the worker and the doctor use to read one account's Sync data with stored {@link SyncCredentials}:
 * OAuth access token from the refresh token when needed, tokenserver token cached until a minute before expiry,
 * info/collections, meta/global, crypto/keys and collection downloads. Never writes to the server.
 *
 * <p>
 * Failures are {@link SyncException}s: a storage 401 gets one new token and one retry (refreshing the OAuth
 * token first when the tokenserver says {@code invalid-credentials}); a second 401 or a refused refresh token is
 * an {@link AuthenticationException}; a token for another endpoint or uid than {@link Builder#knownNode} (or the
 * previous token) is a {@link NodeReassignedException}, after which this client carries on with the new node.
 *
 * <p>
 * The credentials may be given as a {@link Supplier} ({@link #builder(SyncClientConfig, Supplier)}), asked once (again
 * only after it threw) and only when a request needs them: a refresh, a tokenserver request or a record to decrypt. A
 * sync that finds nothing new with cached tokens never asks, so its caller never opens the stored secrets
 * (docs/benchmarks.md, "A fleet under load").
 *
 * <p>
 * One instance per account and sync cycle; thread-safe.
 */
public final class SyncClient {
    private static final System.Logger LOG = System.getLogger(SyncClient.class.getName());
    /** Renew tokens this long before they expire (clocks and request latency). */
    static final Duration TOKEN_MARGIN = Duration.ofSeconds(60);

    private final SyncClientConfig config;
    /** Asked once, when first needed; then {@link #credentials} holds its answer. */
    private final Supplier<SyncCredentials> credentialSource;
    private volatile SyncCredentials credentials;
    private final FxaClient fxa;
    private final TokenServerClient tokenServer;
    private final StorageClient storage;
    /** Kept apart per server: a storage node's backoff holds for its node, the tokenserver's for every node. */
    private final BackoffTracker tokenserverBackoff;
    private final BackoffTracker storageBackoff;
    private final Clock clock;

    private final Consumer<String> onRefreshTokenRotated;
    private AccessToken accessToken;
    /** The refresh token FxA rotated the stored one into during this cycle; null: the credentials' own. */
    private String refreshToken;
    private String rotatedRefreshToken;
    private SyncToken token;
    private StorageNode knownNode;
    private InfoConfiguration infoConfiguration;

    private SyncClient(Builder b) {
        this.config = b.config;
        this.credentialSource = b.credentials;
        this.clock = b.config.clock();
        HttpTransport http = b.http != null ? b.http : HttpTransport.create(b.config.userAgent());
        HawkSigner signer = new HawkSigner(clock, b.nonces != null ? b.nonces : NonceSource.secureRandom());
        this.tokenserverBackoff = new BackoffTracker(clock);
        this.storageBackoff = new BackoffTracker(clock);
        this.fxa = b.fxa != null ? b.fxa : new FxaClient(b.config.fxa(), http, signer, clock);
        this.tokenServer = new TokenServerClient(b.config.tokenserverUrl(), http, clock, tokenserverBackoff, signer);
        this.storage = new StorageClient(http, new Session(), signer, storageBackoff, clock);
        this.accessToken = b.accessToken;
        this.onRefreshTokenRotated = b.onRefreshTokenRotated;
        this.knownNode = b.knownNode;
        if (b.token != null && !endpointAllowed(b.config, b.token)) {
            LOG.log(Level.DEBUG, "cached tokenserver token names a storage endpoint no longer allowed; not used");
        } else if (b.token != null) {
            // A cached token counts as if fetched now: it fixes the node unless the caller knows another one, in
            // which case the cache is stale and the first request fetches a fresh token (and detects the move).
            if (knownNode == null) {
                knownNode = b.token.node();
                this.token = b.token;
            } else if (knownNode.equals(b.token.node())) {
                this.token = b.token;
            } else {
                LOG.log(Level.DEBUG, "cached tokenserver token is for another node than the known one; not used");
            }
        }
    }

    /** A cached token is checked again: the tokenserver setting may have moved to https since it was issued. */
    private static boolean endpointAllowed(SyncClientConfig config, SyncToken token) {
        try {
            StorageEndpointPolicy.check(config.tokenserverUrl(), token.apiEndpoint());
            return true;
        } catch (UntrustedEndpointException e) {
            return false;
        }
    }

    /**
     * A client with its own HTTP transport (its own connection pool and selector thread). A worker serving many
     * accounts should share one {@link HttpTransport} through {@link Builder#http}.
     */
    public static SyncClient create(SyncClientConfig config, SyncCredentials credentials) {
        return builder(config, credentials).build();
    }

    public static Builder builder(SyncClientConfig config, SyncCredentials credentials) {
        if (credentials == null) {
            throw new IllegalArgumentException("credentials are required");
        }
        return new Builder(config, () -> credentials);
    }

    /**
     * A client that asks {@code credentials} for them only when a request needs them (once, or again after it threw),
     * for a caller whose credentials are costly to produce (sealed at rest). The supplier must not return null;
     * whatever it throws propagates to the call that needed them.
     */
    public static Builder builder(SyncClientConfig config, Supplier<SyncCredentials> credentials) {
        if (credentials == null) {
            throw new IllegalArgumentException("credentials are required");
        }
        return new Builder(config, credentials);
    }

    /** The credentials, asked of their supplier the first time. */
    private SyncCredentials credentials() {
        SyncCredentials c = credentials;
        if (c == null) {
            synchronized (this) {
                c = credentials;
                if (c == null) {
                    c = credentialSource.get();
                    if (c == null) {
                        throw new IllegalStateException("the credentials supplier returned null");
                    }
                    credentials = c;
                }
            }
        }
        return c;
    }

    // ------------------------------------------------------------------ what callers read

    /** A valid tokenserver token, fetched or renewed as needed. */
    public synchronized SyncToken token() {
        if (token != null && !token.expiresWithin(TOKEN_MARGIN, clock.instant())) {
            return token;
        }
        return fetchToken();
    }

    /** The storage node of the current token (fetching one if needed); persist it to detect reassignment later. */
    public StorageNode node() {
        return token().node();
    }

    /**
     * {@code GET /info/collections}. @param ifModifiedSince the store timestamp from the previous cycle, or null
     *
     * @return empty when nothing changed since then (304)
     */
    public Optional<InfoCollections> infoCollections(ServerTimestamp ifModifiedSince) {
        return storage.infoCollections(ifModifiedSince);
    }

    /** {@code GET /info/collection_counts}: live records per collection. */
    public Map<String, Long> collectionCounts() {
        return storage.collectionCounts();
    }

    /** {@code GET /info/configuration}, cached for this client; 404 gives the defaults. */
    public synchronized InfoConfiguration infoConfiguration() {
        if (infoConfiguration == null) {
            infoConfiguration = storage.infoConfiguration();
        }
        return infoConfiguration;
    }

    /**
     * {@code meta/global}. @return empty when the account has no Sync data yet (404); never creates it
     *
     * @throws StorageVersionException when the storage version is not 5 (stop: too new, or obsolete data)
     */
    public Optional<MetaGlobal> metaGlobal() {
        Optional<Bso> bso = storage.fetchRecord("meta", "global");
        if (bso.isEmpty()) {
            return Optional.empty();
        }
        MetaGlobal meta;
        try {
            meta = MetaGlobal.parse(bso.get().payload(), bso.get().modified());
        } catch (IllegalArgumentException e) {
            throw new ServerProtocolException("GET /storage/meta/global", e.getMessage(), e);
        }
        if (meta.storageVersion() != StorageVersionException.SUPPORTED) {
            throw new StorageVersionException(meta.storageVersion());
        }
        return Optional.of(meta);
    }

    /**
     * {@code crypto/keys}, decrypted with kSync. @return empty when absent (404): no usable data, do not write
     *
     * @throws KeysInvalidException when it does not verify with our kSync (stale keys: re-authenticate)
     */
    public Optional<CollectionKeys> collectionKeys() {
        String route = "GET /storage/crypto/keys";
        Optional<Bso> bso = storage.fetchRecord("crypto", "keys");
        if (bso.isEmpty()) {
            return Optional.empty();
        }
        try {
            EncryptedPayload envelope = EncryptedPayload.parse(bso.get().payload());
            byte[] clear = new RecordCipher(credentials().syncKeys()).decrypt(envelope);
            return Optional.of(CollectionKeys.fromCleartext(Json.MAPPER.readTree(clear)));
        } catch (CryptoException e) {
            if (e.problem() == CryptoException.Problem.BAD_HMAC) {
                throw new KeysInvalidException("crypto/keys does not verify with our sync key; re-authentication needed",
                        e);
            }
            throw new ServerProtocolException(route, "crypto/keys is malformed (" + e.problem() + ")", e);
        } catch (IOException e) {
            throw new ServerProtocolException(route, "crypto/keys cleartext is not JSON", e);
        }
    }

    /**
     * Downloads a collection into {@code sink} (see {@link StorageClient#download}); the page size is capped by
     * the server's {@code max_total_records}.
     */
    public DownloadResult download(DownloadRequest request, CollectionKeys keys, RecordSink sink) {
        int capped = configurationOrDefaults().capPageSize(request.pageSize());
        return storage.download(capped == request.pageSize() ? request : request.withPageSize(capped), keys, sink);
    }

    /** Incremental full-record download, oldest first, with the configured page size. */
    public DownloadResult download(String collection, ServerTimestamp newer, CollectionKeys keys, RecordSink sink) {
        return download(DownloadRequest.incremental(collection, newer).withPageSize(config.pageSize()), keys, sink);
    }

    /** Until when a server asked us to back off (X-Weave-Backoff, X-Backoff, Retry-After), if still in the future. */
    public Optional<Instant> backoffUntil() {
        Optional<Instant> storage = storageBackoff.backoffUntil();
        Optional<Instant> tokens = tokenserverBackoff.backoffUntil();
        return storage.isPresent() && tokens.isPresent()
                ? Optional.of(storage.get().isAfter(tokens.get()) ? storage.get() : tokens.get())
                : storage.or(() -> tokens);
    }

    /** The back-off the storage node of {@link #currentToken()} asked for (X-Weave-Backoff, Retry-After, 503/429). */
    public Optional<BackoffTracker.Backoff> storageBackoff() {
        return storageBackoff.current();
    }

    /** The back-off the tokenserver asked for (X-Backoff, Retry-After, 503/429). */
    public Optional<BackoffTracker.Backoff> tokenserverBackoff() {
        return tokenserverBackoff.current();
    }

    /**
     * The OAuth access token in use, so that a caller may keep it for its remaining lifetime (~24 h) and pass it to
     * the next cycle's {@link Builder#accessToken}; saves one {@code POST /v1/oauth/token} per cycle. Secret.
     */
    public synchronized Optional<AccessToken> accessToken() {
        return Optional.ofNullable(accessToken);
    }

    /**
     * The refresh token FxA issued in place of the stored one during this client's life, if it did: the caller must
     * store it instead (see also {@link Builder#onRefreshTokenRotated}, told at once). Secret.
     */
    public synchronized Optional<String> rotatedRefreshToken() {
        return Optional.ofNullable(rotatedRefreshToken);
    }

    /**
     * The tokenserver token this client holds, without fetching one (empty before the first request, or after storage
     * refused it and no new one could be had). Keep it until {@link SyncToken#validUntil()} and pass it to the next
     * cycle's {@link Builder#token}; saves one tokenserver round trip per cycle. Secret (it carries the Hawk key):
     * keep it in memory or encrypted, like the refresh token.
     */
    public synchronized Optional<SyncToken> currentToken() {
        return Optional.ofNullable(token);
    }

    // ------------------------------------------------------------------ tokens

    private InfoConfiguration configurationOrDefaults() {
        try {
            return infoConfiguration();
        } catch (StorageHttpException | ServerProtocolException e) {
            LOG.log(Level.INFO, "info/configuration unavailable ({0}); using client defaults", e.getMessage());
            return InfoConfiguration.defaults();
        }
    }

    private synchronized SyncToken fetchToken() {
        Optional<Instant> hard = tokenserverBackoff.hardBackoffUntil();
        if (hard.isPresent()) {
            throw new BackedOffException("GET /1.0/sync/1.5", hard.get());
        }
        SyncToken fresh;
        try {
            fresh = tokenServer.fetch(currentAccessToken(false), credentials().keyId(), null);
        } catch (TokenServerException e) {
            if (e.kind() != TokenServerException.Kind.INVALID_CREDENTIALS) {
                throw asAuthFailure(e);
            }
            LOG.log(Level.DEBUG, "tokenserver says invalid-credentials; refreshing the OAuth token once");
            try {
                fresh = tokenServer.fetch(currentAccessToken(true), credentials().keyId(), null);
            } catch (TokenServerException again) {
                throw asAuthFailure(again);
            }
        }
        StorageNode node = fresh.node();
        StorageNode previous = knownNode;
        token = fresh;
        knownNode = node;
        if (previous != null && !previous.equals(node)) {
            throw new NodeReassignedException(previous.apiEndpoint(), previous.uid(), node.apiEndpoint(), node.uid());
        }
        return fresh;
    }

    private static SyncException asAuthFailure(TokenServerException e) {
        if (e.httpStatus() == 401 || e.httpStatus() == 403) {
            return new AuthenticationException("the tokenserver refused our credentials ("
                    + (e.statusText() != null ? e.statusText() : "HTTP " + e.httpStatus()) + ")", e);
        }
        return e;
    }

    private String currentAccessToken(boolean forceRefresh) {
        if (!forceRefresh && accessToken != null && !accessToken.expiresWithin(TOKEN_MARGIN, clock.instant())) {
            return accessToken.token();
        }
        try {
            RefreshResult refreshed = fxa.refresh(refreshToken != null ? refreshToken : credentials().refreshToken(),
                    credentials().clientId());
            accessToken = refreshed.accessToken();
            if (refreshed.newRefreshToken() != null) {
                refreshToken = refreshed.newRefreshToken();
                rotatedRefreshToken = refreshed.newRefreshToken();
                if (onRefreshTokenRotated != null) {
                    onRefreshTokenRotated.accept(rotatedRefreshToken);
                }
            }
            return accessToken.token();
        } catch (FxaException e) {
            if (e.kind() == FxaException.Kind.INVALID_TOKEN) {
                throw new AuthenticationException("Firefox Accounts rejected the refresh token; re-authentication needed",
                        e);
            }
            throw e;
        }
    }

    /** Gives the storage client the current token and renews it after a 401. */
    private final class Session implements StorageSession {
        @Override
        public SyncToken currentToken() {
            return token();
        }

        @Override
        public SyncToken renewAfterUnauthorized(SyncToken rejected) {
            synchronized (SyncClient.this) {
                if (token != null && token != rejected) {
                    return token;
                }
                token = null;
                return fetchToken();
            }
        }
    }

    /** Options for {@link SyncClient}. */
    public static final class Builder {
        private final SyncClientConfig config;
        private final Supplier<SyncCredentials> credentials;
        private HttpTransport http;
        private FxaClient fxa;
        private NonceSource nonces;
        private AccessToken accessToken;
        private SyncToken token;
        private StorageNode knownNode;
        private Consumer<String> onRefreshTokenRotated;

        private Builder(SyncClientConfig config, Supplier<SyncCredentials> credentials) {
            this.config = config;
            this.credentials = credentials;
        }

        /**
         * Share one HTTP transport (connection pool, selector thread) between clients: a worker serving many accounts
         * creates one {@link HttpTransport#create} at start and passes it to every client; its User-Agent then
         * applies instead of the config's.
         */
        public Builder http(HttpTransport transport) {
            this.http = transport;
            return this;
        }

        /** Use this FxA client for refreshing access tokens. */
        public Builder fxaClient(FxaClient client) {
            this.fxa = client;
            return this;
        }

        public Builder nonces(NonceSource source) {
            this.nonces = source;
            return this;
        }

        /**
         * An OAuth access token still valid (from the link step, or {@link SyncClient#accessToken()} of an earlier
         * cycle), to skip one refresh; it is refreshed anyway a minute before it expires or when the tokenserver
         * refuses it. Null is ignored.
         */
        public Builder accessToken(AccessToken token) {
            this.accessToken = token;
            return this;
        }

        /**
         * A tokenserver token from an earlier cycle ({@link SyncClient#currentToken()}), used until a minute before it
         * expires or until storage answers 401, then renewed as usual. Ignored when it points at another node than
         * {@link #knownNode}. Null is ignored.
         */
        public Builder token(SyncToken cached) {
            this.token = cached;
            return this;
        }

        /** The node seen in the previous cycle; a token for another node raises {@link NodeReassignedException}. */
        public Builder knownNode(StorageNode node) {
            this.knownNode = node;
            return this;
        }

        /**
         * Told, synchronously and before the refreshed access token is used, the new refresh token when FxA rotates
         * the stored one, so that the caller can store it before anything else can fail. Exceptions it throws
         * propagate to the call that refreshed.
         */
        public Builder onRefreshTokenRotated(Consumer<String> listener) {
            this.onRefreshTokenRotated = listener;
            return this;
        }

        public SyncClient build() {
            return new SyncClient(this);
        }
    }
}
