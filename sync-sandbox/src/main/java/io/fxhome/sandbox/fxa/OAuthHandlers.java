package io.fxhome.sandbox.fxa;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.crypto.Base64s;
import io.fxhome.sandbox.crypto.Hmacs;
import io.fxhome.sandbox.crypto.SyncKeys;
import io.fxhome.sandbox.faults.Faults;
import io.fxhome.sandbox.http.Json;
import io.fxhome.sandbox.secrets.IssuedSecretLog;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /v1/account/scoped-key-data}, the token endpoint ({@code /v1/oauth/token} and the OAuth server's
 * {@code /v1/token}), token revocation ({@code /v1/oauth/destroy}, {@code /v1/destroy}) and {@code /v1/verify}, after
 * fxa-auth-server lib/routes/oauth/{token,destroy,verify,key_data}.js and lib/oauth/grant.js. Grant checks throw the
 * OAuth server's errnos; on the auth server's own routes {@link FxaRoutes} renumbers them as production does.
 */
final class OAuthHandlers {
    /** {@code oauthServer.expiration.accessToken}: the longest access-token lifetime, 365 minutes. */
    static final long MAX_TTL_SECONDS = 365 * 60;
    /** Scopes a refresh-token grant never carries over (token.js SCOPES_TO_EXCLUDE_FROM_REFRESH_TOKEN_GRANTS). */
    private static final Set<String> NOT_REFRESHABLE = Set.of("openid",
            "https://identity.mozilla.com/tokens/session");

    private final FxaSettings settings;
    private final Clock clock;
    private final FxaAccounts accounts;
    private final FxaTokens sessions;
    private final OAuthTokens oauthTokens;
    private final IssuedSecretLog issued;
    private final Faults faults;
    private final FxaAuthenticator auth;
    private final OAuthClients clients;

    OAuthHandlers(FxaSettings settings, FxaAccounts accounts, FxaTokens sessions, OAuthTokens oauthTokens,
            IssuedSecretLog issued, Faults faults, FxaAuthenticator auth, OAuthClients clients) {
        this.settings = settings;
        this.clock = settings.clock();
        this.accounts = accounts;
        this.sessions = sessions;
        this.oauthTokens = oauthTokens;
        this.issued = issued;
        this.faults = faults;
        this.auth = auth;
        this.clients = clients;
    }

    private UnknownKeys unknownKeys() {
        return settings.unknownKeys();
    }

    private SessionToken session(String id, RoutingContext ctx) throws FxaError {
        SessionToken s = sessions.session(id);
        if (s == null) {
            throw FxaAuthenticator.missingAuthentication();
        }
        FxaRoutes.applyFaults(faults, ctx, s.uid());
        return s;
    }

    private Account account(String uid) throws FxaError {
        return accounts.byUid(uid)
                .orElseThrow(FxaError::invalidToken);
    }

    private OAuthClients.Client client(String clientId) throws FxaError {
        OAuthClients.Client c = clients.find(clientId);
        if (c == null) {
            throw FxaError.oauthUnknownClient(clientId);
        }
        return c;
    }

    /**
     * lib/oauth/grant.js validateRequestedGrant: scopes a Firefox client may get (else 114), and key-bearing scopes
     * only for a verified session (else "invalid assertion", 104).
     */
    private static Set<String> grantableScopes(String scope, boolean sessionVerified) throws FxaError {
        Set<String> scopes = OAuthClients.scopes(scope);
        if (scopes == null) {
            throw FxaError.oauthInvalidScopes(scope);
        }
        if (OAuthClients.keyBearing(scopes) && !sessionVerified) {
            throw FxaError.oauthInvalidAssertion();
        }
        return scopes;
    }

    /**
     * {@code POST /v1/account/scoped-key-data} (key_data.js): the oldsync key rotation timestamp; 162 for an unknown
     * client, 163 for a scope the client may not have, 110 for a key-bearing scope on an unverified session.
     */
    Object scopedKeyData(RoutingContext ctx) throws FxaError {
        SessionToken s = session(auth.authenticate(ctx, FxaAuthenticator.Kind.SESSION), ctx);
        SignInHandlers.requirePayload(ctx);
        FxaRequest req = FxaRequest.body(ctx, FxaSchemas.SCOPED_KEY_DATA, unknownKeys());
        String clientId = req.text("client_id");
        if (!clients.knownClient(clientId)) {
            throw FxaError.unknownClientId(clientId);
        }
        Set<String> scopes = grantableScopes(req.text("scope"), s.verified());
        ObjectNode o = Json.object();
        if (scopes.contains(SyncKeys.OLDSYNC_SCOPE)) {
            o.putObject(SyncKeys.OLDSYNC_SCOPE).put("identifier", SyncKeys.OLDSYNC_SCOPE)
                    .put("keyRotationSecret", "0".repeat(64))
                    .put("keyRotationTimestamp", account(s.uid()).keysChangedAt());
        }
        return o;
    }

    // ------------------------------------------------------------------ token endpoint

    /**
     * {@code POST /v1/oauth/token}: the body must match one of four alternatives (Joi {@code alternatives().try}),
     * picked by {@code grant_type} (absent: authorization_code when a {@code code} is sent, else fxa-credentials).
     * A body no alternative accepts fails as a whole: Joi reports "does not match any of the allowed types" at the
     * root, so FxA answers 107 with {@code validation.keys} {@code [""]}.
     */
    Object token(RoutingContext ctx) throws FxaError {
        // The route's auth (mode optional, session token) runs before hapi validates the body.
        String sessionId = auth.authenticateOptional(ctx, FxaAuthenticator.Kind.SESSION);
        ObjectNode raw = FxaRequest.raw(ctx);
        raw = raw == null ? Json.object() : raw;
        String grant = raw.path("grant_type").isTextual() ? raw.get("grant_type").asText()
                : raw.has("grant_type") ? "" : raw.has("code") ? FxaSchemas.GRANT_CODE : FxaSchemas.GRANT_CREDENTIALS;
        RequestSchema schema = switch (grant) {
            case FxaSchemas.GRANT_CODE -> FxaSchemas.OAUTH_TOKEN_CODE;
            case FxaSchemas.GRANT_REFRESH -> FxaSchemas.OAUTH_TOKEN_REFRESH;
            case FxaSchemas.GRANT_CREDENTIALS -> FxaSchemas.OAUTH_TOKEN_CREDENTIALS;
            case FxaSchemas.GRANT_TOKEN_EXCHANGE -> FxaSchemas.OAUTH_TOKEN_EXCHANGE;
            default -> null;
        };
        FxaRequest req;
        try {
            if (schema == null) {
                throw FxaError.invalidParameter("payload", "");
            }
            req = FxaRequest.body(ctx, schema, unknownKeys());
        } catch (FxaError e) {
            if (e.errno() == 106) {
                throw e;
            }
            throw FxaError.invalidParameter("payload", "");
        }
        return switch (grant) {
            case FxaSchemas.GRANT_CREDENTIALS -> credentialsGrant(ctx, req, sessionId);
            case FxaSchemas.GRANT_REFRESH -> refreshGrant(ctx, req);
            case FxaSchemas.GRANT_TOKEN_EXCHANGE -> tokenExchange(ctx, req);
            default -> codeGrant(ctx, req);
        };
    }

    /**
     * {@code POST /v1/token}, the OAuth server's token route: one schema with per-grant rules (unknown keys stripped
     * by the route itself), OAuth errnos (109 for validation). Its fxa-credentials grant takes a signed identity
     * assertion instead of a session token, which the sandbox does not issue: such a grant is refused (104).
     */
    Object legacyToken(RoutingContext ctx) throws FxaError {
        ObjectNode raw = FxaRequest.raw(ctx);
        raw = raw == null ? Json.object() : raw;
        String grant = raw.path("grant_type").isTextual() ? raw.get("grant_type").asText() : FxaSchemas.GRANT_CODE;
        if (!Set.of(FxaSchemas.GRANT_CODE, FxaSchemas.GRANT_REFRESH, FxaSchemas.GRANT_CREDENTIALS,
                FxaSchemas.GRANT_TOKEN_EXCHANGE).contains(grant)) {
            throw FxaError.oauthInvalidRequestParameter("payload", "grant_type");
        }
        FxaRequest req = FxaRequest.body(ctx, FxaSchemas.legacyToken(grant), unknownKeys());
        return switch (grant) {
            case FxaSchemas.GRANT_CREDENTIALS -> {
                client(req.text("client_id"));
                throw FxaError.oauthInvalidAssertion();
            }
            case FxaSchemas.GRANT_REFRESH -> refreshGrant(ctx, req);
            case FxaSchemas.GRANT_TOKEN_EXCHANGE -> tokenExchange(ctx, req);
            default -> codeGrant(ctx, req);
        };
    }

    private long ttl(FxaRequest req) {
        long max = Math.min(settings.accessTokenTtlSeconds(), MAX_TTL_SECONDS);
        Long ttl = req.longValue("ttl");
        return ttl == null || ttl <= 0 ? max : Math.min(ttl, max);
    }

    /** The client of a grant: {@code client_id} in the body (a Basic header would carry a confidential client). */
    private OAuthClients.Client grantClient(FxaRequest req) throws FxaError {
        String clientId = req.text("client_id");
        if (clientId == null) {
            throw FxaError.oauthInvalidRequestParameter("payload", "client_id");
        }
        OAuthClients.Client c = client(clientId);
        if (req.text("client_secret") != null && c.publicClient()) {
            // lib/oauth/client.js authenticateClient: a public client must not present a secret.
            throw FxaError.oauthInvalidRequestParameter("payload", "client_secret");
        }
        return c;
    }

    /** grant_type=fxa-credentials, authenticated by the session token (Bearer fxs_ or Hawk); 110 without one. */
    private Object credentialsGrant(RoutingContext ctx, FxaRequest req, String id) throws FxaError {
        if (id == null) {
            throw FxaError.invalidToken();
        }
        SessionToken s = session(id, ctx);
        OAuthClients.Client client = grantClient(req);
        Set<String> scopes = grantableScopes(req.text("scope"), s.verified());
        Account a = account(s.uid());
        boolean offline = "offline".equals(req.text("access_type"));
        ObjectNode o = accessToken(a, client.id(), scopes, s.authAt(), ttl(req));
        if (offline) {
            o.put("refresh_token", refreshToken(a, client.id(), scopes, s.authAt()));
        }
        return o.put("auth_at", s.authAt());
    }

    private ObjectNode accessToken(Account a, String clientId, Set<String> scopes, long authAt, long ttl) {
        long now = clock.millis();
        String access = oauthTokens.issueAccessToken(new OAuthTokens.AccessToken(a.uid(), clientId, scopes,
                now + ttl * 1000, a.verifierSetAt(), authAt, a.keysChangedAt()));
        issued.record(a.uid(), IssuedSecretLog.Kind.ACCESS_TOKEN, access);
        ObjectNode o = Json.object();
        return o.put("access_token", access).put("token_type", "bearer").put("scope", String.join(" ", scopes))
                .put("expires_in", ttl);
    }

    private String refreshToken(Account a, String clientId, Set<String> scopes, long authAt) {
        String refresh = oauthTokens.issueRefreshToken(new OAuthTokens.RefreshToken(a.uid(), clientId,
                scopes, authAt));
        issued.record(a.uid(), IssuedSecretLog.Kind.REFRESH_TOKEN, refresh);
        return refresh;
    }

    /**
     * grant_type=refresh_token: a new access token only. Production never rotates the refresh token here
     * (lib/routes/oauth/token.js validateRefreshTokenGrant refuses to grant refresh tokens from refresh tokens, and
     * the route's answer schema has no {@code refresh_token}); rotation is the token-exchange grant's. Unknown token
     * or another client's: 108 (110 on /v1/oauth/token).
     */
    private Object refreshGrant(RoutingContext ctx, FxaRequest req) throws FxaError {
        OAuthClients.Client client = grantClient(req);
        OAuthTokens.RefreshToken grant = oauthTokens.refresh(req.text("refresh_token"));
        if (grant == null || !grant.clientId().equals(client.id())) {
            FxaRoutes.applyFaults(faults, ctx, null);
            throw FxaError.oauthInvalidToken();
        }
        FxaRoutes.applyFaults(faults, ctx, grant.uid());
        Set<String> scopes = new LinkedHashSet<>(grant.scope());
        String scope = req.text("scope");
        if (scope != null) {
            Set<String> requested = OAuthClients.scopes(scope);
            if (requested == null || !grant.scope().containsAll(requested)) {
                throw FxaError.oauthInvalidScopes(scope);
            }
            scopes = new LinkedHashSet<>(requested);
        }
        scopes.removeAll(NOT_REFRESHABLE);
        return accessToken(account(grant.uid()), client.id(), scopes, grant.authAt(), ttl(req));
    }

    /**
     * grant_type=urn:ietf:params:oauth:grant-type:token-exchange (RFC 8693, token.js validateTokenExchangeGrant): a
     * refresh token of an allowed client is exchanged for a new refresh token whose scope is the old one plus the
     * requested (allowed) scope; the original refresh token is revoked. This is production's only refresh-token
     * rotation. Allowed clients and scopes are {@link FxaSettings#tokenExchangeClientIds()}.
     */
    private Object tokenExchange(RoutingContext ctx, FxaRequest req) throws FxaError {
        String subject = req.text("subject_token");
        OAuthTokens.RefreshToken grant = oauthTokens.refresh(subject);
        if (grant == null) {
            throw FxaError.oauthInvalidToken();
        }
        FxaRoutes.applyFaults(faults, ctx, grant.uid());
        if (!settings.tokenExchangeClientIds().contains(grant.clientId())) {
            throw new FxaError(401, 111, "Unauthorized", "Unauthorized for route").with("detail",
                    "client not allowed to exchange tokens").oauth();
        }
        Set<String> requested = new LinkedHashSet<>(List.of(req.text("scope").trim().split("\\s+")));
        requested.remove("");
        if (requested.isEmpty() || !settings.tokenExchangeScopes().containsAll(requested)) {
            throw new FxaError(403, 112, "Forbidden", "Forbidden").oauth();
        }
        Set<String> scopes = new LinkedHashSet<>(grant.scope());
        scopes.addAll(requested);
        Account a = account(grant.uid());
        long authAt = clock.millis() / 1000;
        ObjectNode o = accessToken(a, grant.clientId(), scopes, authAt, ttl(req));
        o.put("refresh_token", refreshToken(a, grant.clientId(), scopes, authAt));
        oauthTokens.destroyRefresh(subject);
        return o;
    }

    /**
     * grant_type=authorization_code with PKCE (token.js validateAuthorizationCodeGrant): unknown code 105, another
     * client's 106, expired 107, a challenge without verifier 118, a wrong verifier 117; the code is removed only
     * when every check passed. Answers tokens plus the keys_jwe the browser produced at authorization.
     */
    private Object codeGrant(RoutingContext ctx, FxaRequest req) throws FxaError {
        OAuthClients.Client client = grantClient(req);
        String code = req.text("code");
        String verifier = req.text("code_verifier");
        OAuthTokens.AuthorizationCode grant = oauthTokens.code(code);
        FxaRoutes.applyFaults(faults, ctx, grant == null ? null : grant.uid());
        if (grant == null) {
            throw FxaError.oauthUnknownCode(code);
        }
        if (!grant.clientId().equals(client.id())) {
            throw FxaError.oauthMismatchCode(code, client.id());
        }
        if (grant.expiresAtMillis() < clock.millis()) {
            throw FxaError.oauthExpiredCode(code, grant.expiresAtMillis());
        }
        String pkceHash = verifier == null ? null
                : Base64s.urlNoPad(Hmacs.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
        if (grant.codeChallenge() != null) {
            if (pkceHash == null) {
                throw FxaError.oauthMissingPkceParameters();
            }
            if (!pkceHash.equals(grant.codeChallenge())) {
                throw FxaError.oauthMismatchCodeChallenge(pkceHash);
            }
        } else if (pkceHash != null) {
            throw FxaError.oauthMismatchCodeChallenge(pkceHash);
        }
        oauthTokens.consumeCode(code);
        Account a = account(grant.uid());
        ObjectNode o = accessToken(a, client.id(), grant.scope(), grant.authAt(), ttl(req));
        if (grant.offline()) {
            o.put("refresh_token", refreshToken(a, client.id(), grant.scope(), grant.authAt()));
        }
        o.put("auth_at", grant.authAt());
        if (grant.keysJwe() != null) {
            o.put("keys_jwe", grant.keysJwe());
        }
        return o;
    }

    // ------------------------------------------------------------------ revocation and verification

    /**
     * {@code POST /v1/oauth/destroy} (RFC 7009, destroy.js): {@code token} is tried as an access token, then as a
     * refresh token ({@code token_type_hint: "refresh_token"} reverses the order); a token of another client counts as
     * not found; unknown tokens are answered {@code {}} all the same. 162 for an unknown client.
     */
    Object destroy(RoutingContext ctx) throws FxaError {
        FxaRequest req = FxaRequest.body(ctx, FxaSchemas.OAUTH_DESTROY, unknownKeys());
        FxaRoutes.applyFaults(faults, ctx, null);
        String clientId = req.text("client_id");
        if (!clients.knownClient(clientId)) {
            throw FxaError.unknownClientId(clientId);
        }
        String owner = clients.find(clientId).id();
        String token = req.text("token");
        if (token == null) {
            // The route does not require the key; production's handler then finds nothing to revoke.
            return Json.object();
        }
        boolean refreshFirst = "refresh_token".equals(req.text("token_type_hint"));
        for (int i = 0; i < 2; i++) {
            boolean refresh = refreshFirst == (i == 0);
            if (refresh) {
                OAuthTokens.RefreshToken t = oauthTokens.refresh(token);
                if (t != null && t.clientId().equals(owner)) {
                    oauthTokens.destroyRefresh(token);
                    break;
                }
            } else {
                OAuthTokens.AccessToken t = oauthTokens.accessIncludingExpired(token);
                if (t != null && t.clientId().equals(owner)) {
                    oauthTokens.destroyAccess(token);
                    break;
                }
            }
        }
        return Json.object();
    }

    /**
     * {@code POST /v1/destroy}, the OAuth server's revocation route, which does take {@code refresh_token}
     * ({@code token} is renamed {@code access_token}; exactly one of access_token, refresh_token, refresh_token_id);
     * an unknown token, or another client's when {@code client_id} is sent, is 108.
     */
    Object legacyDestroy(RoutingContext ctx) throws FxaError {
        ObjectNode raw = FxaRequest.raw(ctx);
        if (raw != null && raw.has("token")) {
            if (raw.has("access_token")) {
                throw FxaError.oauthInvalidRequestParameter("payload", "access_token");
            }
            raw.set("access_token", raw.remove("token"));
        }
        FxaRequest req;
        if (raw == null) {
            req = FxaRequest.body(ctx, FxaSchemas.LEGACY_DESTROY, unknownKeys());
        } else {
            req = FxaRequest.of(FxaSchemas.LEGACY_DESTROY.validate(raw, unknownKeys() == UnknownKeys.STRIP));
        }
        FxaRoutes.applyFaults(faults, ctx, null);
        String clientId = req.text("client_id");
        String owner = null;
        if (clientId != null) {
            owner = client(clientId).id();
        }
        if (req.has("access_token")) {
            OAuthTokens.AccessToken t = oauthTokens.accessIncludingExpired(req.text("access_token"));
            if (t == null || (owner != null && !t.clientId().equals(owner))) {
                throw FxaError.oauthInvalidToken();
            }
            oauthTokens.destroyAccess(req.text("access_token"));
        } else if (req.has("refresh_token")) {
            OAuthTokens.RefreshToken t = oauthTokens.refresh(req.text("refresh_token"));
            if (t == null || (owner != null && !t.clientId().equals(owner))) {
                throw FxaError.oauthInvalidToken();
            }
            oauthTokens.destroyRefresh(req.text("refresh_token"));
        } else {
            // refresh_token_id: the hashed id FxA keeps; the sandbox hands none out.
            throw FxaError.oauthInvalidToken();
        }
        return Json.object();
    }

    /**
     * {@code POST /v1/verify} (verify.js, lib/oauth/token.js verify): what an access token grants. Unknown 108,
     * expired 115. The sandbox's access tokens stand for production's JWT access tokens, whose claims carry
     * {@code fxa-generation} and {@code fxa-profileChangedAt}, so both are answered. There is no
     * {@code /v1/oauth/verify} in production; that path is a 404 here too.
     */
    Object verify(RoutingContext ctx) throws FxaError {
        FxaRequest req = FxaRequest.body(ctx, FxaSchemas.VERIFY, unknownKeys());
        OAuthTokens.AccessToken t = oauthTokens.accessIncludingExpired(req.text("token"));
        FxaRoutes.applyFaults(faults, ctx, t == null ? null : t.uid());
        if (t == null) {
            throw FxaError.oauthInvalidToken();
        }
        if (t.expiresAtMillis() <= clock.millis()) {
            throw new FxaError(400, 115, "Bad Request", "Expired token").with("expiredAt", t.expiresAtMillis())
                    .oauth();
        }
        ObjectNode o = Json.object();
        o.put("user", t.uid()).put("client_id", t.clientId());
        t.scope().forEach(o.putArray("scope")::add);
        o.put("generation", t.generation()).put("profile_changed_at", t.profileChangedAt());
        return o;
    }
}
