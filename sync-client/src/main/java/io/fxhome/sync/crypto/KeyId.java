package io.fxhome.sync.crypto;

import java.util.Arrays;

/**
 * A parsed X-KeyID / OAuth {@code kid}: {@code <keysChangedAt ms>-<b64url nopad(client state)>}. Parsed like the
 * tokenserver does: split at the first dash, integer on the left, base64url on the right.
 *
 * @param keysChangedAt the key rotation timestamp in milliseconds
 * @param clientState SHA-256(kB)[0:16] (not secret, but a stable account identifier)
 */
public record KeyId(long keysChangedAt, byte[] clientState) {

    public static KeyId parse(String keyId) {
        int dash = keyId.indexOf('-');
        if (dash <= 0 || dash == keyId.length() - 1) {
            throw new IllegalArgumentException("an X-KeyID looks like <timestamp>-<b64url>");
        }
        long ts;
        try {
            ts = Long.parseLong(keyId.substring(0, dash));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the X-KeyID timestamp is not an integer", e);
        }
        return new KeyId(ts, Bytes.base64UrlDecode(keyId.substring(dash + 1)));
    }

    /** The X-Client-State header value: the client state as lowercase hex. */
    public String clientStateHex() {
        return Hex.encode(clientState);
    }

    /** The canonical form, {@code <ts>-<b64url>}. */
    public String format() {
        return keysChangedAt + "-" + Bytes.base64UrlNoPad(clientState);
    }

    @Override
    public byte[] clientState() {
        return clientState.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyId && ((KeyId) o).keysChangedAt == keysChangedAt
                && Arrays.equals(((KeyId) o).clientState, clientState);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(keysChangedAt) * 31 + Arrays.hashCode(clientState);
    }

    @Override
    public String toString() {
        return format();
    }
}
