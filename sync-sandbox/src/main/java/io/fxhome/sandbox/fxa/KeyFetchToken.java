package io.fxhome.sandbox.fxa;

/**
 * A single-use keyFetchToken: the auth server stores the already-encrypted {@code /account/keys} bundle (FxA keeps
 * {@code keyBundle} the same way) and the id of the session whose verification gates it.
 */
public record KeyFetchToken(String tokenId, byte[] reqHmacKey, String uid, String sessionTokenId, byte[] bundle) {
    @Override
    public String toString() {
        return "KeyFetchToken[uid=" + uid + ", redacted]";
    }
}
