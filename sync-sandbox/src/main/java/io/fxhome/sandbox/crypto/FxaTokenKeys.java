package io.fxhome.sandbox.crypto;

/**
 * The values derived from a 32-byte FxA token (sessionToken, keyFetchToken, ...): HKDF(token, NS + kind, 96) split
 * into tokenId (the Hawk id / Bearer id), reqHMACkey (the Hawk key) and, for keyFetchToken, keyRequestKey.
 */
public record FxaTokenKeys(byte[] tokenId, byte[] reqHMACkey, byte[] keyRequestKey) {

    public static FxaTokenKeys derive(byte[] token, String kind) {
        byte[] km = Hkdf.deriveNs(token, kind, 96);
        byte[] id = new byte[32];
        byte[] hmac = new byte[32];
        byte[] request = new byte[32];
        System.arraycopy(km, 0, id, 0, 32);
        System.arraycopy(km, 32, hmac, 0, 32);
        System.arraycopy(km, 64, request, 0, 32);
        return new FxaTokenKeys(id, hmac, request);
    }

    public String tokenIdHex() {
        return Hex.encode(tokenId);
    }

    @Override
    public String toString() {
        return "FxaTokenKeys[tokenId=" + tokenIdHex() + ", keys redacted]";
    }
}
