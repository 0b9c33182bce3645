package io.fxhome.sandbox.fxa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fxhome.sandbox.IssuedSecretLog;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.crypto.Base64s;
import io.fxhome.sandbox.crypto.Hex;
import io.fxhome.sandbox.crypto.Hmacs;
import io.fxhome.sandbox.crypto.SyncKeys;
import io.fxhome.sandbox.http.Json;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** {@code /v1/account/scoped-key-data}, {@code /v1/oauth/token} (three grants) and {@code /v1/oauth/destroy}. */
final class OAuthHandlers {
    private final Sandbox sandbox;
    private final FxaAuthenticator auth;
    private final OAuthClients clients;

    OAuthHandlers(Sandbox sandbox, FxaAuthenticator auth) {
        this.sandbox = sandbox;
        this.auth = auth;
        this.clients = new OAuthClients(sandbox.options());
    }

    private SessionToken verifiedSession(RoutingContext ctx) throws FxaError {
        String id = auth.authenticate(ctx, FxaAuthenticator.Kind.SESSION);
        SessionToken s = sandbox.fxaTokens().session(id);
        if (s == null) {
            throw FxaError.invalidToken("Invalid authentication token: Unknown credentials");
        }
        FxaRoutes.applyFaults(sandbox, ctx, s.uid());
        if (!s.verified()) {
            throw FxaError.unverifiedSession();
        }
        return s;
    }

    private Account account(String uid) throws FxaError {
        return sandbox.findByUid(uid).map(Sandbox.AccountState::account)
                .orElseThrow(() -> FxaError.invalidToken("Invalid authentication token: Unknown credentials"));
    }

    /** {@code POST /v1/account/scoped-key-data}: the oldsync key rotation timestamp. */
    Object scopedKeyData(RoutingContext ctx) throws FxaError {
        SessionToken s = verifiedSession(ctx);
        FxaRequest req = FxaRequest.of(ctx);
        String clientId = req.required("client_id");
        String scope = req.required("scope");
        if (!clients.knownClient(clientId)) {
            throw FxaError.unknownClientId(clientId);
        }
        Set<String> scopes = OAuthClients.scopes(scope);
        if (scopes == null) {
            throw FxaError.invalidScopes(scope);
        }
        ObjectNode o = Json.object();
        if (scopes.contains(SyncKeys.OLDSYNC_SCOPE)) {
            o.putObject(SyncKeys.OLDSYNC_SCOPE).put("identifier", SyncKeys.OLDSYNC_SCOPE)
                    .put("keyRotationSecret", "0".repeat(64))
                    .put("keyRotationTimestamp", account(s.uid()).keysChangedAt());
        }
        return o;
    }

    /** {@code POST /v1/oauth/token}. */
    Object token(RoutingContext ctx) throws FxaError {
        FxaRequest req = FxaRequest.of(ctx);
        String grantType = req.optional("grant_type");
        if (grantType == null) {
            grantType = "authorization_code";
        }
        return switch (grantType) {
            case "fxa-credentials" -> credentialsGrant(ctx, req);
            case "refresh_token" -> refreshGrant(ctx, req);
            case "authorization_code" -> codeGrant(ctx, req);
            default -> throw FxaError.invalidParameter("grant_type");
        };
    }

    private long ttl(FxaRequest req) throws FxaError {
        long max = sandbox.options().accessTokenTtlSeconds();
        Long ttl = req.optionalLong("ttl");
        return ttl == null || ttl <= 0 ? max : Math.min(ttl, max);
    }

    /** grant_type=fxa-credentials, authenticated by the session token (Hawk or Bearer fxs_). */
    private Object credentialsGrant(RoutingContext ctx, FxaRequest req) throws FxaError {
        SessionToken s = verifiedSession(ctx);
        String clientId = req.required("client_id");
        if (!clients.knownClient(clientId)) {
            throw FxaError.oauthUnknownClient(clientId);
        }
        String scope = req.required("scope");
        Set<String> scopes = OAuthClients.scopes(scope);
        if (scopes == null) {
            throw FxaError.invalidScopes(scope);
        }
        Account a = account(s.uid());
        boolean offline = "offline".equals(req.optional("access_type"));
        return tokens(a, clientId, scopes, s.authAt(), ttl(req), offline, null);
    }

    private ObjectNode tokens(Account a, String clientId, Set<String> scopes, long authAt, long ttl, boolean offline,
            String keysJwe) {
        long now = sandbox.now();
        String access = sandbox.oauthTokens().issueAccessToken(new OAuthTokens.AccessToken(a.uid(), clientId, scopes,
                now + ttl * 1000, a.verifierSetAt(), authAt));
        sandbox.issuedSecretLog().record(a.uid(), IssuedSecretLog.Kind.ACCESS_TOKEN, access);
        ObjectNode o = Json.object();
        o.put("access_token", access).put("token_type", "bearer").put("scope", String.join(" ", scopes))
                .put("expires_in", ttl).put("auth_at", authAt);
        if (offline) {
            String refresh = sandbox.oauthTokens().issueRefreshToken(new OAuthTokens.RefreshToken(a.uid(), clientId,
                    scopes, authAt));
            sandbox.issuedSecretLog().record(a.uid(), IssuedSecretLog.Kind.REFRESH_TOKEN, refresh);
            o.put("refresh_token", refresh);
        }
        if (keysJwe != null) {
            o.put("keys_jwe", keysJwe);
        }
        return o;
    }

    /** grant_type=refresh_token: a new access token; the refresh token itself is not rotated. */
    private Object refreshGrant(RoutingContext ctx, FxaRequest req) throws FxaError {
        String clientId = req.required("client_id");
        String refresh = req.required("refresh_token");
        OAuthTokens.RefreshToken grant = sandbox.oauthTokens().refresh(refresh);
        if (grant == null || !grant.clientId().equals(clientId)) {
            FxaRoutes.applyFaults(sandbox, ctx, null);
            throw FxaError.oauthInvalidToken();
        }
        FxaRoutes.applyFaults(sandbox, ctx, grant.uid());
        Set<String> scopes = grant.scope();
        String scope = req.optional("scope");
        if (scope != null) {
            Set<String> requested = OAuthClients.scopes(scope);
            if (requested == null || !grant.scope().containsAll(requested)) {
                throw FxaError.invalidScopes(scope);
            }
            scopes = requested;
        }
        return tokens(account(grant.uid()), clientId, scopes, grant.authAt(), ttl(req), false, null);
    }

    /** grant_type=authorization_code with PKCE: tokens plus the keys_jwe prepared at authorization. */
    private Object codeGrant(RoutingContext ctx, FxaRequest req) throws FxaError {
        String clientId = req.required("client_id");
        String code = req.required("code");
        String verifier = req.optional("code_verifier");
        if (req.optional("client_secret") != null) {
            throw FxaError.oauthInvalidRequest("Public clients may not send a client_secret");
        }
        OAuthTokens.AuthorizationCode grant = sandbox.oauthTokens().consumeCode(code);
        FxaRoutes.applyFaults(sandbox, ctx, grant == null ? null : grant.uid());
        if (grant == null || !grant.clientId().equals(clientId) || grant.expiresAtMillis() <= sandbox.now()) {
            throw FxaError.oauthUnknownCode();
        }
        if (verifier == null || !Base64s.urlNoPad(Hmacs.sha256(verifier.getBytes(StandardCharsets.US_ASCII)))
                .equals(grant.codeChallenge())) {
            throw FxaError.oauthPkceMismatch();
        }
        return tokens(account(grant.uid()), clientId, grant.scope(), grant.authAt(), ttl(req), grant.offline(),
                grant.keysJwe());
    }

    /** {@code POST /v1/oauth/destroy}: revokes an access or refresh token. */
    Object destroy(RoutingContext ctx) throws FxaError {
        FxaRequest req = FxaRequest.of(ctx);
        FxaRoutes.applyFaults(sandbox, ctx, null);
        for (String field : new String[] {"token", "access_token", "refresh_token"}) {
            String t = req.optional(field);
            if (t != null) {
                if (!Hex.isHex(t, 64)) {
                    throw FxaError.invalidParameter(field);
                }
                sandbox.oauthTokens().destroy(t);
                return Json.object();
            }
        }
        throw FxaError.missingParameter("token");
    }
}
