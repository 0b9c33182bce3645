package io.fxhome.web.tokens;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of personal API tokens and feeds, under {@code fxhome.web.tokens}; listed in docs/web-app.md. */
@ConfigMapping(prefix = "fxhome.web.tokens")
public interface TokensConfig {
    /** {@code fxhome.web.tokens.max-per-account}: at most this many API tokens per account. */
    @WithDefault("50")
    int maxPerAccount();

    /**
     * {@code fxhome.web.tokens.cache-ttl}: how long a checked token is trusted from memory before the database is asked
     * again. Revoking takes effect at once on this process; on another web instance after at most this.
     */
    @WithDefault("10s")
    Duration cacheTtl();

    /** {@code fxhome.web.tokens.last-used-interval}: a token's last use is written at most this often. */
    @WithDefault("1m")
    Duration lastUsedInterval();

    /** {@code fxhome.web.tokens.feed-entries}: entries in a feed (the newest bookmarks, a device's first tabs). */
    @WithDefault("100")
    int feedEntries();
}
