package io.fxhome.sandbox.tokenserver;

import java.util.Locale;
import java.util.regex.Pattern;

import io.fxhome.sandbox.crypto.Base64s;
import io.fxhome.sandbox.crypto.Hex;
import io.fxhome.sandbox.crypto.SyncKeys;
import io.fxhome.sandbox.faults.FaultPlan;
import io.fxhome.sandbox.faults.Faults;
import io.fxhome.sandbox.fxa.OAuthTokens;
import io.fxhome.sandbox.http.HttpSupport;
import io.fxhome.sandbox.secrets.IssuedSecretLog;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /1.0/sync/1.5}: OAuth bearer token plus X-KeyID in, a tokenlib token for the user's storage node out,
 * with syncstorage-rs's checks and error bodies (§3).
 */
public final class TokenServerRoutes {
    private static final Pattern CLIENT_STATE = Pattern.compile("[a-zA-Z0-9._-]{1,32}");

    private final TokenServerSettings settings;
    private final SyncUsers users;
    private final OAuthTokens oauthTokens;
    private final TokenMinter minter;
    private final TokenEpochs epochs;
    private final IssuedSecretLog issued;
    private final Faults faults;

    /**
     * @param users the users, and their update after a valid request
     * @param oauthTokens the auth server's access tokens, which the requests carry
     * @param minter mints the storage tokens
     * @param epochs where each token's epoch is noted for the storage nodes
     * @param issued where the tokens handed out are noted for the hygiene tests
     * @param faults armed faults ("tokenserver unavailable", latency)
     */
    public TokenServerRoutes(TokenServerSettings settings, SyncUsers users, OAuthTokens oauthTokens,
            TokenMinter minter, TokenEpochs epochs, IssuedSecretLog issued, Faults faults) {
        this.settings = settings;
        this.users = users;
        this.oauthTokens = oauthTokens;
        this.minter = minter;
        this.epochs = epochs;
        this.issued = issued;
        this.faults = faults;
    }

    public void mount(Router router) {
        router.route("/1.0/:app/:version").blockingHandler(this::handle, false);
    }

    private void handle(RoutingContext ctx) {
        long now = settings.clock().millis();
        ctx.response().putHeader("X-Timestamp", Long.toString(now / 1000));
        try {
            if (!"GET".equals(ctx.request().method().name())) {
                HttpSupport.send(ctx, 405, "application/json", Buffer.buffer("{\"status\":\"error\"}"));
                return;
            }
            if (!"sync".equals(ctx.pathParam("app"))) {
                throw new TokenServerError(404, "error", "url", "application", "Unsupported application");
            }
            if (!"1.5".equals(ctx.pathParam("version"))) {
                throw new TokenServerError(404, "error", "url", ctx.pathParam("version"),
                        "Unsupported application version");
            }
            OAuthTokens.AccessToken grant = verifyBearer(ctx, now);
            SyncUser user = users.byFxaUid(grant.uid()).orElseThrow(TokenServerError::invalidCredentials);
            String fxaUid = user.fxaUid();
            faults.called(fxaUid);
            long latency = faults.latencyMillis(fxaUid);
            if (latency > 0) {
                ctx.put(HttpSupport.LATENCY_KEY, latency);
            }
            // Load shedding, as Mozilla's tokenserver signals it: X-Backoff on any answer, Retry-After on a 503.
            int backoff = faults.take(fxaUid, (FaultPlan p) -> p.tokenserverBackoff);
            if (backoff >= 0) {
                ctx.response().putHeader("X-Backoff", Integer.toString(backoff));
            }
            int retryAfter = faults.take(fxaUid, (FaultPlan p) -> p.tokenserverUnavailable);
            if (retryAfter >= 0) {
                ctx.response().putHeader("Retry-After", Integer.toString(retryAfter));
                throw TokenServerError.unavailable();
            }
            KeyId keyId = KeyId.parse(ctx.request().getHeader("X-KeyID"), ctx.request().getHeader("X-Client-State"));
            synchronized (user) {
                Long generation = grant.generation() == 0 ? null : grant.generation();
                validate(user, keyId, generation);
                users.update(user, keyId.keysChangedAt() == 0 ? null : keyId.keysChangedAt(), generation,
                        keyId.clientState());
            }
            issue(ctx, user, keyId, now);
        } catch (TokenServerError e) {
            HttpSupport.send(ctx, e.httpStatus(), "application/json", Buffer.buffer(e.toJson()));
        }
    }

    /** Authorization: Bearer <access token>; the scheme word is case-insensitive, one space. */
    private OAuthTokens.AccessToken verifyBearer(RoutingContext ctx, long now) throws TokenServerError {
        String header = ctx.request().getHeader("Authorization");
        if (header == null) {
            throw TokenServerError.unauthorized("Unauthorized");
        }
        int space = header.indexOf(' ');
        if (space < 0) {
            throw TokenServerError.unauthorized("Unauthorized");
        }
        if (!header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            throw TokenServerError.unauthorized("Unsupported");
        }
        OAuthTokens.AccessToken grant = oauthTokens.access(header.substring(space + 1), now);
        if (grant == null || !grant.scope().contains(SyncKeys.OLDSYNC_SCOPE)) {
            throw TokenServerError.invalidCredentials();
        }
        return grant;
    }

    /** X-KeyID (required) and X-Client-State (optional, must agree), as syncstorage-rs extracts them. */
    record KeyId(long keysChangedAt, String clientState) {
        static KeyId parse(String keyIdHeader, String clientStateHeader) throws TokenServerError {
            if (keyIdHeader == null) {
                throw TokenServerError.invalidKeyId("Missing X-KeyID header");
            }
            if (!keyIdHeader.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw TokenServerError.invalidKeyId("Invalid X-KeyID header");
            }
            int dash = keyIdHeader.indexOf('-');
            if (dash < 0) {
                throw TokenServerError.invalidCredentials();
            }
            String clientStateHex;
            try {
                String encoded = keyIdHeader.substring(dash + 1);
                if (encoded.contains("=") || encoded.contains("+") || encoded.contains("/")) {
                    throw new IllegalArgumentException("not url-safe without padding");
                }
                clientStateHex = Hex.encode(Base64s.fromUrl(encoded));
            } catch (IllegalArgumentException e) {
                throw TokenServerError.invalidCredentials();
            }
            if (clientStateHeader != null) {
                if (!CLIENT_STATE.matcher(clientStateHeader).matches()) {
                    throw new TokenServerError(400, "error", "header", "X-Client-State",
                            "Invalid client state value");
                }
                if (!clientStateHeader.equals(clientStateHex)) {
                    throw new TokenServerError(401, "invalid-client-state", "body", "", "Unauthorized");
                }
            }
            long kca;
            try {
                kca = Long.parseLong(keyIdHeader.substring(0, dash));
            } catch (NumberFormatException e) {
                throw TokenServerError.invalidCredentials();
            }
            return new KeyId(kca, clientStateHex);
        }
    }

    /**
     * syncstorage-rs's consistency rules, in its order (syncserver/src/tokenserver/extractors.rs
     * {@code TokenserverRequest::validate}); a comparison applies only when both sides have a value. A new client
     * state is accepted when it comes with a newer generation and a newer keys_changed_at not above the generation:
     * that is production's "key rotation", and the sandbox accepts it too (the user then gets a new uid with empty
     * storage, see {@link SyncUser#update}). The access token's generation is the account's verifierSetAt, so a kid
     * with a new client state is refused as long as the password has not changed since the user record was written.
     */
    static void validate(SyncUser user, KeyId key, Long authGeneration) throws TokenServerError {
        Long authKca = key.keysChangedAt() == 0 ? null : key.keysChangedAt();
        Long userKca = user.keysChangedAt();
        Long userGeneration = user.generation();
        if (authKca != null && authKca > userKca && authGeneration != null && authGeneration < authKca) {
            throw TokenServerError.invalidKeysChangedAt();
        }
        if (!user.clientState().isEmpty() && key.clientState().isEmpty()) {
            throw TokenServerError.invalidClientState("Unacceptable client-state value empty string");
        }
        if (user.oldClientStates().contains(key.clientState())) {
            throw TokenServerError.invalidClientState("Unacceptable client-state value stale value");
        }
        boolean newClientState = !key.clientState().equals(user.clientState());
        if (newClientState && authGeneration != null && authGeneration <= userGeneration) {
            throw TokenServerError.invalidClientState(
                    "Unacceptable client-state value new value with no generation change");
        }
        if (newClientState && authKca != null && authKca <= userKca) {
            throw TokenServerError.invalidClientState(
                    "Unacceptable client-state value new value with no keys_changed_at change");
        }
        if (authGeneration != null && userGeneration > authGeneration) {
            throw TokenServerError.invalidGeneration();
        }
        if (authKca != null && userKca > authKca) {
            throw TokenServerError.invalidKeysChangedAt();
        }
        if (authKca == null && userKca != 0) {
            throw TokenServerError.invalidKeysChangedAt();
        }
    }

    private void issue(RoutingContext ctx, SyncUser user, KeyId key, long now) {
        long duration = settings.tokenDurationSeconds();
        String requested = ctx.queryParams().get("duration");
        if (requested != null) {
            try {
                long d = Long.parseLong(requested);
                if (d >= 0 && d <= duration) {
                    duration = d;
                }
            } catch (NumberFormatException ignored) {
                // an invalid duration never fails the request; the default applies
            }
        }
        String base = settings.publicBaseUrl() != null ? settings.publicBaseUrl()
                : HttpSupport.origin(ctx);
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String node = user.onNode2() ? base + "/node2" : base;
        String fxaUid = user.fxaUid();
        String secret = settings.metricsHashSecret();
        String hashedFxaUid = TokenMinter.metricsHash(secret, fxaUid).substring(0, 32);
        String hashedDeviceId = TokenMinter.metricsHash(secret, hashedFxaUid + "none").substring(0, 32);
        String fxaKid = String.format(Locale.ROOT, "%013d", key.keysChangedAt()) + "-"
                + Base64s.urlNoPad(Hex.decode(key.clientState()));
        long uid = user.uid();
        TokenPayload payload = new TokenPayload(node, fxaKid, fxaUid, hashedDeviceId, hashedFxaUid,
                now / 1000 + duration, uid, "rust", minter.newSalt());
        TokenMinter.Minted minted = minter.mint(payload);
        epochs.record(minted.id(), user.tokenEpoch());
        issued.record(fxaUid, IssuedSecretLog.Kind.STORAGE_TOKEN_ID, minted.id());
        issued.record(fxaUid, IssuedSecretLog.Kind.STORAGE_TOKEN_KEY, minted.key());
        String body = "{\"id\":\"" + minted.id() + "\",\"key\":\"" + minted.key() + "\",\"uid\":" + uid
                + ",\"api_endpoint\":\"" + node + "/1.5/" + uid + "\",\"duration\":" + duration
                + ",\"hashed_fxa_uid\":\"" + hashedFxaUid + "\",\"hashalg\":\"sha256\",\"node_type\":\""
                + settings.nodeType() + "\"}";
        ctx.response().putHeader("X-Content-Type-Options", "nosniff");
        HttpSupport.send(ctx, 200, "application/json", Buffer.buffer(body));
    }
}
