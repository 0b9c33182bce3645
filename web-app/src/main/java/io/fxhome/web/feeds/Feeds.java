package io.fxhome.web.feeds;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.web.secret.AccountSecret;

/**
 * The account's feed secret: the key in its Atom feeds' URLs ({@code /feeds/<key>/...}). Made (or replaced, which
 * revokes every URL handed out before) and revoked with the browser's session; shown once, since only its hash is kept.
 */
@ApplicationScoped
public class Feeds {
    private final FeedSecretStore store;
    private final Clock clock = Clock.systemUTC();

    public Feeds(FeedSecretStore store) {
        this.store = store;
    }

    /** A new feed key for the account, replacing the old one. */
    public String renew(UUID accountId) {
        AccountSecret secret = AccountSecret.generate(accountId);
        store.replace(secret, clock.instant());
        return secret.value("");
    }

    public Optional<Instant> activeSince(UUID accountId) {
        return store.createdAt(accountId);
    }

    public boolean revoke(UUID accountId) {
        return store.delete(accountId);
    }

    /** The account a feed key in a URL opens, if it is the account's live one. */
    public Optional<UUID> open(String key) {
        return AccountSecret.parse("", key).filter(store::matches).map(AccountSecret::accountId);
    }
}
