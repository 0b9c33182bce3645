package io.fxhome.sandbox.storage;

import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.hawk.HawkHeader;
import io.fxhome.sandbox.hawk.HawkRequest;
import io.fxhome.sandbox.hawk.HawkVerifier;
import io.fxhome.sandbox.http.HttpSupport;
import io.fxhome.sandbox.tokenserver.TokenMinter;
import io.fxhome.sandbox.tokenserver.TokenPayload;
import io.vertx.ext.web.RoutingContext;

/**
 * The storage node's authentication, in syncstorage-rs's order: Hawk header ("Hawk " prefix), token id signature,
 * token expiry (not checked for info/collections), Hawk MAC with the ASCII bytes of the derived key string over
 * host, port and resource as received, timestamp skew, nonce replay; then the uid in the URL against the token's
 * (400 on mismatch). Then the sandbox's own checks that stand in for Mozilla's infrastructure: the token's node,
 * the user's current uid (node reassignment) and the "tokens expired" fault.
 */
public final class StorageAuth {
    private final Sandbox sandbox;

    public StorageAuth(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** An authenticated request. */
    public record Authenticated(Sandbox.AccountState account, UserStorage storage, TokenPayload token) {
    }

    public Authenticated authenticate(RoutingContext ctx, String pathUid, boolean node2, boolean infoCollections,
            long nowMillis) {
        String header = ctx.request().getHeader("Authorization");
        HawkHeader hawk;
        TokenPayload token;
        try {
            hawk = HawkHeader.parse(header);
            token = sandbox.tokenMinter().open(hawk.id());
        } catch (HawkHeader.ParseException | TokenMinter.InvalidTokenException e) {
            throw StorageException.unauthorized();
        }
        long nowSeconds = Math.floorDiv(nowMillis, 1000);
        if (!infoCollections && Math.round(token.expires()) <= nowSeconds) {
            throw StorageException.unauthorized();
        }
        String key = sandbox.tokenMinter().derivedKey(hawk.id(), token.salt());
        HawkRequest request = HawkRequest.of(ctx.request().method().name(), ctx.request().uri(),
                ctx.request().getHeader("Host"), HttpSupport.isHttps(ctx));
        try {
            // Sync storage never checks a payload hash (rust-hawk compares only when the server supplies one), but a
            // hash the client sends is part of the MAC.
            sandbox.storageHawk().verify(hawk, request, key.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    null, null, nowSeconds);
        } catch (HawkVerifier.HawkException e) {
            throw StorageException.unauthorized();
        }
        long uid;
        try {
            uid = Long.parseLong(pathUid);
        } catch (NumberFormatException e) {
            throw StorageException.badRequest(0);
        }
        if (uid != token.uid()) {
            throw StorageException.badRequest(0);
        }
        if (token.node().endsWith("/node2") != node2) {
            throw StorageException.unauthorized();
        }
        Sandbox.AccountState account = sandbox.findByUid(token.fxaUid()).orElseThrow(StorageException::unauthorized);
        if (account.syncUser().uid() != uid) {
            throw StorageException.unauthorized();
        }
        Long epoch = sandbox.tokenEpoch(hawk.id());
        if (epoch != null && epoch < account.syncUser().tokenEpoch()) {
            throw StorageException.unauthorized();
        }
        UserStorage storage = sandbox.storageByUid(uid);
        if (storage == null) {
            throw StorageException.unauthorized();
        }
        return new Authenticated(account, storage, token);
    }
}
