package io.fxhome.sandbox.storage;

import java.nio.charset.StandardCharsets;

import io.fxhome.sandbox.hawk.HawkHeader;
import io.fxhome.sandbox.hawk.HawkRequest;
import io.fxhome.sandbox.hawk.HawkVerifier;
import io.fxhome.sandbox.http.HttpSupport;
import io.fxhome.sandbox.tokenserver.SyncUser;
import io.fxhome.sandbox.tokenserver.SyncUsers;
import io.fxhome.sandbox.tokenserver.TokenEpochs;
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
    private final SyncUsers users;
    private final UserStorages storages;
    private final TokenMinter minter;
    private final TokenEpochs epochs;
    private final HawkVerifier verifier;

    /**
     * @param users the tokenserver's users (current uid and token epoch)
     * @param storages the storage of each uid
     * @param minter opens the tokens and derives their keys
     * @param epochs the epoch each token was minted in
     * @param verifier the storage nodes' Hawk verifier (its nonce cache)
     */
    public StorageAuth(SyncUsers users, UserStorages storages, TokenMinter minter, TokenEpochs epochs,
            HawkVerifier verifier) {
        this.users = users;
        this.storages = storages;
        this.minter = minter;
        this.epochs = epochs;
        this.verifier = verifier;
    }

    /** An authenticated request: whose, the storage it may use, and its token. */
    public record Authenticated(SyncUser user, UserStorage storage, TokenPayload token) {
    }

    public Authenticated authenticate(RoutingContext ctx, String pathUid, boolean node2, boolean infoCollections,
            long nowMillis) {
        String header = ctx.request().getHeader("Authorization");
        HawkHeader hawk;
        TokenPayload token;
        try {
            hawk = HawkHeader.parse(header);
            token = minter.open(hawk.id());
        } catch (HawkHeader.ParseException | TokenMinter.InvalidTokenException e) {
            throw StorageException.unauthorized();
        }
        long nowSeconds = Math.floorDiv(nowMillis, 1000);
        if (!infoCollections && Math.round(token.expires()) <= nowSeconds) {
            throw StorageException.unauthorized();
        }
        String key = minter.derivedKey(hawk.id(), token.salt());
        HawkRequest request = HawkRequest.of(ctx.request().method().name(), ctx.request().uri(),
                ctx.request().getHeader("Host"), HttpSupport.isHttps(ctx));
        try {
            // Sync storage never checks a payload hash (rust-hawk compares only when the server supplies one), but a
            // hash the client sends is part of the MAC.
            verifier.verify(hawk, request, key.getBytes(StandardCharsets.US_ASCII),
                    null, null, nowSeconds);
        } catch (HawkVerifier.HawkException e) {
            throw StorageException.unauthorized();
        }
        long uid;
        try {
            uid = Long.parseLong(pathUid);
        } catch (NumberFormatException e) {
            throw StorageException.badRequest(WeaveError.UNKNOWN_ERROR);
        }
        if (uid != token.uid()) {
            throw StorageException.badRequest(WeaveError.UNKNOWN_ERROR);
        }
        if (token.node().endsWith("/node2") != node2) {
            throw StorageException.unauthorized();
        }
        SyncUser user = users.byFxaUid(token.fxaUid()).orElseThrow(StorageException::unauthorized);
        if (user.uid() != uid) {
            throw StorageException.unauthorized();
        }
        Long epoch = epochs.epochOf(hawk.id());
        if (epoch != null && epoch < user.tokenEpoch()) {
            throw StorageException.unauthorized();
        }
        UserStorage storage = storages.byUid(uid);
        if (storage == null) {
            throw StorageException.unauthorized();
        }
        return new Authenticated(user, storage, token);
    }
}
