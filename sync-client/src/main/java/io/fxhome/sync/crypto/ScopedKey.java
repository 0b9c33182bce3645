package io.fxhome.sync.crypto;

/**
 * An FxA scoped key as a JWK ({@code kty: oct}). For oldsync, {@code k} is kSync and {@code kid} the X-KeyID.
 *
 * @param scope the scope URL
 * @param k the raw key bytes (secret)
 * @param kid the key id
 */
public record ScopedKey(String scope, byte[] k, String kid) {
    public static final String KTY = "oct";

    @Override
    public byte[] k() {
        return k.clone();
    }

    /** The JWK {@code k} member: base64url without padding. */
    public String kBase64Url() {
        return Bytes.base64UrlNoPad(k);
    }

    public String kty() {
        return KTY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScopedKey && ((ScopedKey) o).scope.equals(scope) && ((ScopedKey) o).kid.equals(kid)
                && Bytes.constantTimeEquals(((ScopedKey) o).k, k);
    }

    @Override
    public int hashCode() {
        return kid.hashCode();
    }

    @Override
    public String toString() {
        return "ScopedKey[scope=" + scope + ", kid=" + kid + ", k=<redacted>]";
    }
}
