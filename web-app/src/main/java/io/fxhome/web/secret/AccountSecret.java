package io.fxhome.web.secret;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A secret bound to one account, written {@code <prefix><account id>.<secret>}: the account id routes the lookup to the
 * account's shard and leads its key, the 32 random bytes prove it. Only {@link #hash()} is stored. API tokens use the
 * prefix {@value #TOKEN_PREFIX} (so secret scanners and people can tell one when they see it); feed URLs and the
 * session cookie (io.fxhome.web.session.SessionCookie, built on this) none.
 */
public record AccountSecret(UUID accountId, byte[] secret) {
    public static final String TOKEN_PREFIX = "fxhome_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public AccountSecret {
        secret = secret.clone();
    }

    public static AccountSecret generate(UUID accountId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new AccountSecret(accountId, secret);
    }

    /** Parses {@code <prefix><account id>.<secret>}; anything malformed is simply no secret. */
    public static Optional<AccountSecret> parse(String prefix, String value) {
        if (value == null || value.length() > prefix.length() + 100 || !value.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = value.substring(prefix.length());
        if (rest.indexOf('.') != 36) {
            return Optional.empty();
        }
        try {
            UUID account = UUID.fromString(rest.substring(0, 36));
            byte[] secret = Base64.getUrlDecoder().decode(rest.substring(37));
            return secret.length == 32 ? Optional.of(new AccountSecret(account, secret)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    public String value(String prefix) {
        return prefix + accountId + "." + B64.encodeToString(secret);
    }

    /** SHA-256 of the secret: what the database keeps. */
    public byte[] hash() {
        return sha256(secret);
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key for in-memory caches: the account id with the hash, never the secret itself. */
    public String cacheKey() {
        return accountId + ":" + Base64.getEncoder().encodeToString(hash());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountSecret other && accountId.equals(other.accountId)
                && MessageDigest.isEqual(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return accountId.hashCode();
    }

    @Override
    public String toString() {
        return "AccountSecret[" + accountId + ", secret=<redacted>]";
    }
}
