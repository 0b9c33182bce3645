package io.fxhome.sync.crypto;

import java.util.Arrays;

import io.fxhome.sync.hawk.HawkCredentials;

/**
 * What a client derives from a 32-byte FxA token (§2.3): {@code HKDF(token, NS + kind, 96)} split into tokenId (the
 * Hawk id / Bearer id), reqHMACkey (the Hawk key) and, for a keyFetchToken, keyRequestKey (a.k.a. bundleKey).
 */
public final class FxaTokenKeys {

    /** The kinds of FxA tokens, with their HKDF info name and the typed-Bearer prefix. */
    public enum Kind {
        SESSION("sessionToken", "fxs"),
        KEY_FETCH("keyFetchToken", "fxk"),
        ACCOUNT_RESET("accountResetToken", "fxar"),
        PASSWORD_FORGOT("passwordForgotToken", "fxpf"),
        PASSWORD_CHANGE("passwordChangeToken", "fxpc");

        private final String infoName;
        private final String bearerPrefix;

        Kind(String infoName, String bearerPrefix) {
            this.infoName = infoName;
            this.bearerPrefix = bearerPrefix;
        }

        /** The HKDF info: {@code identity.mozilla.com/picl/v1/<name>}. */
        public String info() {
            return OnePwCredentials.NAMESPACE + infoName;
        }

        public String infoName() {
            return infoName;
        }

        public String bearerPrefix() {
            return bearerPrefix;
        }

        /** The kind whose info string or bare name is {@code s}. */
        public static Kind fromInfo(String s) {
            for (Kind k : values()) {
                if (k.info().equals(s) || k.infoName.equals(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown FxA token kind");
        }
    }

    private final Kind kind;
    private final byte[] tokenId;
    private final byte[] reqHmacKey;
    private final byte[] keyRequestKey;

    private FxaTokenKeys(Kind kind, byte[] km) {
        this.kind = kind;
        this.tokenId = Arrays.copyOfRange(km, 0, 32);
        this.reqHmacKey = Arrays.copyOfRange(km, 32, 64);
        this.keyRequestKey = Arrays.copyOfRange(km, 64, 96);
    }

    public static FxaTokenKeys derive(byte[] token, Kind kind) {
        if (token.length != 32) {
            throw new IllegalArgumentException("FxA tokens are 32 bytes, got " + token.length);
        }
        byte[] km = Hkdf.derive(token, kind.info(), 96);
        try {
            return new FxaTokenKeys(kind, km);
        } finally {
            Bytes.wipe(km);
        }
    }

    public static FxaTokenKeys deriveHex(String tokenHex, Kind kind) {
        byte[] token = Hex.decode(tokenHex);
        try {
            return derive(token, kind);
        } finally {
            Bytes.wipe(token);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** km[0:32]; identifies the token to the server (not a secret by itself, but do not log it). */
    public byte[] tokenId() {
        return tokenId.clone();
    }

    public String tokenIdHex() {
        return Hex.encode(tokenId);
    }

    /** km[32:64], the Hawk MAC key (secret). */
    public byte[] reqHmacKey() {
        return reqHmacKey.clone();
    }

    /** km[64:96]: keyRequestKey for a keyFetchToken, "bundleKey" for an accountResetToken (secret). */
    public byte[] keyRequestKey() {
        return keyRequestKey.clone();
    }

    /** Hawk credentials for the auth server: id = hex(tokenId), key = reqHMACkey. */
    public HawkCredentials hawkCredentials() {
        return new HawkCredentials(tokenIdHex(), reqHmacKey);
    }

    /** The typed Bearer header value newer FxA servers also accept, e.g. {@code Bearer fxs_<hex tokenId>}. */
    public String bearerAuthorization() {
        return "Bearer " + kind.bearerPrefix + "_" + tokenIdHex();
    }

    public void destroy() {
        Bytes.wipe(tokenId, reqHmacKey, keyRequestKey);
    }

    @Override
    public String toString() {
        return "FxaTokenKeys[" + kind + ", <redacted>]";
    }
}
