package io.fxhome.upstream;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the user's Firefox Account and Sync data live. The defaults are Mozilla's production services; a self-hosted
 * Sync stack (or the sync-sandbox) is two URLs away. Operators and the test tooling rely on these exact keys.
 */
@ConfigMapping(prefix = "fxhome")
public interface UpstreamConfig {
    Fxa fxa();

    Sync sync();

    interface Fxa {
        /** {@code fxhome.fxa.auth-url} (env {@code FXHOME_FXA_AUTH_URL}): the FxA auth server; the client appends {@code /v1/...}. */
        @WithDefault("https://api.accounts.firefox.com")
        String authUrl();

        /** {@code fxhome.fxa.content-url}: where users sign in for the OAuth single-sign-on flow ({@code /authorization}). */
        @WithDefault("https://accounts.firefox.com")
        String contentUrl();

        /**
         * {@code fxhome.fxa.client-id}: the OAuth client id fxhome presents. It must be allowed the oldsync scope; the
         * default is the one third-party Sync clients use (Firefox Lockwise's). Register your own relying party for the
         * single-sign-on flow.
         */
        @WithDefault("e7ce535d93522896")
        String clientId();

        /** {@code fxhome.fxa.redirect-uri}: the redirect URI registered for the single-sign-on flow, if any. */
        Optional<String> redirectUri();
    }

    interface Sync {
        /** {@code fxhome.sync.tokenserver-url} (env {@code FXHOME_SYNC_TOKENSERVER_URL}); the client appends {@code /1.0/sync/1.5}. */
        @WithDefault("https://token.services.mozilla.com")
        String tokenserverUrl();

        /** {@code fxhome.sync.user-agent}: sent on every upstream request, so Mozilla can tell fxhome's traffic apart. */
        @WithDefault("fxhome/0.1 (self-hosted Firefox Sync mirror)")
        String userAgent();
    }
}
