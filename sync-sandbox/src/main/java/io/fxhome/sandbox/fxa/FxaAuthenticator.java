package io.fxhome.sandbox.fxa;

import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.hawk.HawkHeader;
import io.fxhome.sandbox.hawk.HawkRequest;
import io.fxhome.sandbox.hawk.HawkVerifier;
import io.fxhome.sandbox.http.HttpSupport;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Authenticates auth-server requests made with a sessionToken or keyFetchToken: Hawk with id = hex(tokenId) and key
 * = reqHMACkey (verified for real, with timestamp window, nonce and the payload hash when one is sent — today's FxA
 * only looks the id up, older and self-hosted servers verify), or the typed Bearer {@code fxs_}/{@code fxk_} form.
 */
final class FxaAuthenticator {
    private static final Pattern BEARER = Pattern.compile("^Bearer (fx[a-z]{1,2})_([0-9a-f]{64})$");

    private final Sandbox sandbox;

    FxaAuthenticator(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** The token kind a route expects. */
    enum Kind {
        SESSION("fxs"), KEY_FETCH("fxk");

        final String bearerPrefix;

        Kind(String prefix) {
            this.bearerPrefix = prefix;
        }
    }

    /** Returns the token id of an authenticated request, or throws the FxA 401 error. */
    String authenticate(RoutingContext ctx, Kind kind) throws FxaError {
        String header = ctx.request().getHeader("Authorization");
        if (header == null) {
            throw FxaError.invalidToken("Invalid authentication token: Missing authentication");
        }
        Matcher bearer = BEARER.matcher(header);
        if (bearer.matches()) {
            if (!bearer.group(1).equals(kind.bearerPrefix)) {
                throw FxaError.invalidToken("Invalid authentication token: Unknown credentials");
            }
            String id = bearer.group(2);
            if (key(kind, id) == null) {
                throw FxaError.invalidToken("Invalid authentication token: Unknown credentials");
            }
            return id;
        }
        HawkHeader hawk;
        try {
            hawk = HawkHeader.parse(header);
        } catch (HawkHeader.ParseException e) {
            throw FxaError.invalidToken("Invalid authentication token: Missing authentication");
        }
        byte[] key = key(kind, hawk.id());
        if (key == null) {
            throw FxaError.invalidToken("Invalid authentication token: Unknown credentials");
        }
        HawkRequest request = HawkRequest.of(ctx.request().method().name(), ctx.request().uri(),
                ctx.request().getHeader("Host"), HttpSupport.isHttps(ctx));
        long now = Math.floorDiv(sandbox.now(), 1000);
        try {
            sandbox.fxaHawk().verify(hawk, request, key, ctx.request().getHeader("Content-Type"),
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

    private byte[] key(Kind kind, String tokenId) {
        if (kind == Kind.SESSION) {
            SessionToken s = sandbox.fxaTokens().session(tokenId);
            return s == null ? null : s.reqHmacKey();
        }
        KeyFetchToken k = sandbox.fxaTokens().keyFetchToken(tokenId);
        return k == null ? null : k.reqHmacKey();
    }
}
