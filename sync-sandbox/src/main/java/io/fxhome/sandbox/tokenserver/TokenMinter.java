package io.fxhome.sandbox.tokenserver;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import io.fxhome.sandbox.crypto.Base64s;
import io.fxhome.sandbox.crypto.Hex;
import io.fxhome.sandbox.crypto.Hkdf;
import io.fxhome.sandbox.crypto.Hmacs;
import io.fxhome.sandbox.http.Json;

/**
 * Mozilla's tokenlib: the token (Hawk id) is b64url-with-padding(payload JSON ‖ HMAC-SHA256(signingKey, payload)),
 * signingKey = HKDF(masterSecret, info "services.mozilla.com/tokenlib/v1/signing"); the per-token Hawk secret handed
 * to the client as {@code key} is b64url-with-padding(HKDF(masterSecret, salt = payload salt, info
 * "services.mozilla.com/tokenlib/v1/derive/" + id)). The storage node recomputes both from the id alone.
 */
public final class TokenMinter {
    private static final String SIGNING_INFO = "services.mozilla.com/tokenlib/v1/signing";
    private static final String DERIVE_INFO = "services.mozilla.com/tokenlib/v1/derive/";

    private final byte[] masterSecret;
    private final byte[] signingKey;
    private final SecureRandom random = new SecureRandom();

    public TokenMinter(String masterSecret) {
        this.masterSecret = masterSecret.getBytes(StandardCharsets.UTF_8);
        this.signingKey = Hkdf.derive(this.masterSecret, SIGNING_INFO, 32);
    }

    /** A minted token: the Hawk id and the Hawk key string. */
    public record Minted(String id, String key, TokenPayload payload) {
        @Override
        public String toString() {
            return "Minted[uid=" + payload.uid() + ", key redacted]";
        }
    }

    /** Why a token id was refused. */
    public static final class InvalidTokenException extends Exception {
        public InvalidTokenException(String message) {
            super(message);
        }
    }

    public String newSalt() {
        byte[] salt = new byte[3];
        random.nextBytes(salt);
        return Hex.encode(salt);
    }

    public Minted mint(TokenPayload payload) {
        byte[] json = payload.toJson().getBytes(StandardCharsets.UTF_8);
        byte[] signature = Hmacs.hmacSha256(signingKey, json);
        byte[] token = Arrays.copyOf(json, json.length + signature.length);
        System.arraycopy(signature, 0, token, json.length, signature.length);
        String id = Base64s.url(token);
        return new Minted(id, derivedKey(id, payload.salt()), payload);
    }

    /** The Hawk key string for a token id. */
    public String derivedKey(String id, String salt) {
        byte[] secret = Hkdf.derive(masterSecret, salt.getBytes(StandardCharsets.UTF_8),
                (DERIVE_INFO + id).getBytes(StandardCharsets.UTF_8), 32);
        return Base64s.url(secret);
    }

    /** Decodes a token id and checks its signature; does not check expiry. */
    public TokenPayload open(String id) throws InvalidTokenException {
        byte[] raw;
        try {
            raw = Base64s.fromUrl(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("token id is not base64url");
        }
        if (raw.length <= 32) {
            throw new InvalidTokenException("token id too short");
        }
        byte[] payload = Arrays.copyOfRange(raw, 0, raw.length - 32);
        byte[] signature = Arrays.copyOfRange(raw, raw.length - 32, raw.length);
        if (!Hmacs.equal(Hmacs.hmacSha256(signingKey, payload), signature)) {
            throw new InvalidTokenException("bad token signature");
        }
        try {
            return TokenPayload.fromJson(Json.parseOrNull(payload));
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("bad token payload");
        }
    }

    /** hex(HMAC-SHA256(secret, value)), the tokenserver's metrics hash. */
    public static String metricsHash(String secret, String value) {
        return Hex.encode(Hmacs.hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8)));
    }
}
