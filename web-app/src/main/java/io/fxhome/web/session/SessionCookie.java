package io.fxhome.web.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import io.fxhome.web.secret.AccountSecret;

/**
 * The value of the session cookie, {@code <account id>.<secret>}: an {@link AccountSecret} without a prefix. The
 * account id routes the lookup to the account's rows (and shard), the 32-byte random secret proves the session. Only
 * {@link #secretHash()} is stored.
 */
public record SessionCookie(UUID accountId, byte[] secret) {
    private static final String PREFIX = "";

    public SessionCookie {
        secret = secret.clone();
    }

    private SessionCookie(AccountSecret core) {
        this(core.accountId(), core.secret());
    }

    public static SessionCookie generate(UUID accountId) {
        return new SessionCookie(AccountSecret.generate(accountId));
    }

    /** Parses a cookie value; anything malformed is simply no session. */
    public static Optional<SessionCookie> parse(String value) {
        return AccountSecret.parse(PREFIX, value).map(SessionCookie::new);
    }

    private AccountSecret core() {
        return new AccountSecret(accountId, secret);
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    public String value() {
        return core().value(PREFIX);
    }

    /** SHA-256 of the secret: what the database keeps. */
    public byte[] secretHash() {
        return core().hash();
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
        return Base64.getUrlEncoder().withoutPadding().encodeToString(AccountSecret.sha256(input));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionCookie other && core().equals(other.core());
    }

    @Override
    public int hashCode() {
        return core().hashCode();
    }

    @Override
    public String toString() {
        return "SessionCookie[" + accountId + ", secret=<redacted>]";
    }
}
