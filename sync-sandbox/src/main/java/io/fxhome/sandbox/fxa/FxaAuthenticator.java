package io.fxhome.sandbox.fxa;

import java.time.Clock;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fxhome.sandbox.hawk.HawkHeader;
import io.fxhome.sandbox.hawk.HawkRequest;
import io.fxhome.sandbox.hawk.HawkVerifier;
import io.fxhome.sandbox.http.HttpSupport;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates auth-server requests made with a sessionToken or keyFetchToken, as the routes' strategy chains
 * {@code ['sessionTokenBearer', 'sessionToken']} do: the typed Bearer form {@code Bearer fxs_<token id>} /
 * {@code Bearer fxk_<token id>} exactly as lib/routes/auth-schemes/bearer-fxa-token.js matches it
 * ({@code ^Bearer <prefix>_([0-9a-f]{64})$}: one space, that case, 64 lower-case hex characters of the derived token
 * id), or Hawk with id = hex(tokenId) and key = reqHMACkey. The sandbox verifies Hawk for real (timestamp window,
 * nonce, payload hash when sent); today's hawk-fxa-token.js only looks the id up, older and self-hosted servers
 * verify. Every other failure is what hapi answers when no strategy of the chain authenticates: 401 errno 110
 * "Invalid authentication token: Missing authentication".
 */
final class FxaAuthenticator {
    private static final Pattern SESSION_BEARER = Pattern.compile("^Bearer fxs_([0-9a-f]{64})$");
    private static final Pattern KEY_FETCH_BEARER = Pattern.compile("^Bearer fxk_([0-9a-f]{64})$");

    private final FxaTokens tokens;
    private final HawkVerifier verifier;
    private final Clock clock;

    FxaAuthenticator(FxaTokens tokens, HawkVerifier verifier, Clock clock) {
        this.tokens = tokens;
        this.verifier = verifier;
        this.clock = clock;
    }

    /** The token kind a route expects. */
    enum Kind {
        SESSION(SESSION_BEARER),
        KEY_FETCH(KEY_FETCH_BEARER);

        final Pattern bearer;

        Kind(Pattern bearer) {
            this.bearer = bearer;
        }
    }

    /** hapi's answer when no strategy of a route's chain accepts the request, as AppError.translate renders it. */
    static FxaError missingAuthentication() {
        return FxaError.invalidToken("Invalid authentication token: Missing authentication");
    }

    /** Returns the token id of an authenticated request, or throws the FxA 401 error. */
    String authenticate(RoutingContext ctx, Kind kind) throws FxaError {
        String header = ctx.request().getHeader("Authorization");
        if (header == null) {
            throw missingAuthentication();
        }
        Matcher bearer = kind.bearer.matcher(header);
        if (bearer.matches()) {
            String id = bearer.group(1);
            if (key(kind, id) == null) {
                throw missingAuthentication();
            }
            return id;
        }
        if (!header.toLowerCase(Locale.ROOT).contains("hawk")) {
            throw missingAuthentication();
        }
        HawkHeader hawk;
        try {
            hawk = HawkHeader.parse(header);
        } catch (HawkHeader.ParseException e) {
            throw missingAuthentication();
        }
        byte[] key = key(kind, hawk.id());
        if (key == null) {
            throw missingAuthentication();
        }
        HawkRequest request = HawkRequest.of(ctx.request().method().name(), ctx.request().uri(),
                ctx.request().getHeader("Host"), HttpSupport.isHttps(ctx));
        long now = Math.floorDiv(clock.millis(), 1000);
        try {
            verifier.verify(hawk, request, key, ctx.request().getHeader("Content-Type"),
                    HttpSupport.bodyBytes(ctx), now);
        } catch (HawkVerifier.HawkException e) {
            throw switch (e.failure()) {
                case BAD_MAC -> FxaError.invalidSignature("Bad mac");
                case BAD_PAYLOAD_HASH -> FxaError.invalidSignature("Payload is invalid");
                case STALE_TIMESTAMP -> FxaError.invalidTimestamp(now);
                case REPLAYED_NONCE -> FxaError.invalidNonce();
            };
        }
        return hawk.id();
    }

    /** Authenticates when an Authorization header is present ({@code auth.mode: 'optional'}); else null. */
    String authenticateOptional(RoutingContext ctx, Kind kind) throws FxaError {
        return ctx.request().getHeader("Authorization") == null ? null : authenticate(ctx, kind);
    }

    private byte[] key(Kind kind, String tokenId) {
        if (kind == Kind.SESSION) {
            SessionToken s = tokens.session(tokenId);
            return s == null ? null : s.reqHmacKey();
        }
        KeyFetchToken k = tokens.keyFetchToken(tokenId);
        return k == null ? null : k.reqHmacKey();
    }
}
