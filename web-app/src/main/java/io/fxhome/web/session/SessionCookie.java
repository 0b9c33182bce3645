package io.fxhome.web.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The value of the session cookie, {@code <account id>.<secret>}: the account id routes the lookup to the account's
 * rows (and shard), the 32-byte random secret proves the session. Only {@link #secretHash()} is stored.
 */
public record SessionCookie(UUID accountId, byte[] secret) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public SessionCookie {
        secret = secret.clone();
    }

    public static SessionCookie generate(UUID accountId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new SessionCookie(accountId, secret);
    }

    /** Parses a cookie value; anything malformed is simply no session. */
    public static Optional<SessionCookie> parse(String value) {
        if (value == null || value.length() > 100) {
            return Optional.empty();
        }
        int dot = value.indexOf('.');
        if (dot != 36) {
            return Optional.empty();
        }
        try {
            UUID account = UUID.fromString(value.substring(0, dot));
            byte[] secret = Base64.getUrlDecoder().decode(value.substring(dot + 1));
            return secret.length == 32 ? Optional.of(new SessionCookie(account, secret)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    public String value() {
        return accountId + "." + B64.encodeToString(secret);
    }

    /** SHA-256 of the secret: what the database keeps. */
    public byte[] secretHash() {
        return sha256(secret);
    }

    /**
     * The session's CSRF token, derived from the secret so that it needs no storage, changes with every session and
     * cannot be computed by anyone who cannot read the (HttpOnly) cookie.
     */
    public String csrfToken() {
        byte[] label = "fxhome csrf token\0".getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[label.length + secret.length];
        System.arraycopy(label, 0, input, 0, label.length);
        System.arraycopy(secret, 0, input, label.length, secret.length);
        return B64.encodeToString(sha256(input));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionCookie other && accountId.equals(other.accountId)
                && MessageDigest.isEqual(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return accountId.hashCode();
    }

    @Override
    public String toString() {
        return "SessionCookie[" + accountId + ", secret=<redacted>]";
    }
}
