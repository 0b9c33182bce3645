package io.fxhome.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.fxhome.sync.client.SyncClientConfig;
import io.fxhome.sync.fxa.FxaConfig;
import io.fxhome.sync.http.HttpTimeouts;
import io.fxhome.sync.http.HttpTransport;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the user's Firefox Account and Sync data live. The defaults are Mozilla's production services; a self-hosted
 * Sync stack (or the sync-sandbox) is two URLs away. Operators and the test tooling rely on these exact keys.
 *
 * <p>
 * The mapping to the client's {@link FxaConfig} and {@link SyncClientConfig} is written here and nowhere else: this
 * module (upstream-config) sits between sync-client, which stays free of SmallRye, and the two processes that call the
 * client (web-app, sync-worker); common-model does not carry it, so the scheduler ships no client.
 */
@ConfigMapping(prefix = "fxhome")
public interface UpstreamConfig {
    Fxa fxa();

    Sync sync();

    interface Fxa {
        /**
         * {@code fxhome.fxa.auth-url} (env {@code FXHOME_FXA_AUTH_URL}): the FxA auth server; the client appends
         * {@code /v1/...}.
         */
        @WithDefault("https://api.accounts.firefox.com")
        String authUrl();

        /**
         * {@code fxhome.fxa.content-url} (default {@code https://accounts.firefox.com}): Mozilla's sign-in page
         * ({@code /authorization}), as the user's browser reaches it.
         */
        @WithDefault("https://accounts.firefox.com")
        String contentUrl();

        /**
         * {@code fxhome.fxa.client-id} (default {@code e7ce535d93522896}): the OAuth client id of the password sign-in.
         * It must be allowed the oldsync scope; the default is the one third-party Sync clients use (Firefox
         * Lockwise's).
         */
        @WithDefault("e7ce535d93522896")
        String clientId();

        /**
         * {@code fxhome.fxa.browser-client-id} (default {@code 1b1a3e44c54fbb58}, Firefox for iOS): the OAuth client id
         * of the browser sign-in. A public client trusted for the oldsync scope whose registered redirect page at
         * Mozilla shows the address (with {@code code} and {@code state}) for the user to paste back.
         */
        @WithDefault(FxaConfig.DEFAULT_BROWSER_CLIENT_ID)
        String browserClientId();

        /**
         * {@code fxhome.fxa.browser-redirect-uri} (default
         * {@code https://accounts.firefox.com/oauth/success/1b1a3e44c54fbb58}): the redirect URI of the browser sign-in;
         * it must be registered for {@code fxhome.fxa.browser-client-id}. When unset it is
         * {@code <fxhome.fxa.content-url>/oauth/success/<fxhome.fxa.browser-client-id>}, which follows a changed content
         * URL (a self-hosted FxA or the sync-sandbox).
         */
        Optional<String> browserRedirectUri();

        /**
         * {@code fxhome.fxa.profile-url} (default {@code https://profile.accounts.firefox.com}): the profile server, asked
         * {@code GET /v1/profile} for the uid and email of a browser sign-in.
         */
        @WithDefault("https://profile.accounts.firefox.com")
        String profileUrl();

        /**
         * {@code fxhome.fxa.token-auth} (default {@code bearer}): how session and keyFetch tokens authenticate to the
         * auth server. {@code bearer} sends {@code Authorization: Bearer fxs_<token id>} ({@code fxk_} for a keyFetch
         * token), what Mozilla's clients send and its production server accepts; {@code hawk} signs with Hawk, for
         * older or self-hosted auth servers that do not accept the Bearer form.
         */
        @WithDefault("bearer")
        FxaConfig.TokenAuth tokenAuth();
    }

    /**
     * The Firefox Accounts client settings of {@code upstream}: every {@code fxhome.fxa.*} key, and
     * {@code fxhome.sync.user-agent} as the User-Agent.
     */
    static FxaConfig fxaConfig(UpstreamConfig upstream) {
        Fxa fxa = upstream.fxa();
        return new FxaConfig(URI.create(fxa.authUrl()), URI.create(fxa.contentUrl()), fxa.clientId(),
                upstream.sync().userAgent(), fxa.browserClientId(), fxa.browserRedirectUri().orElse(null),
                URI.create(fxa.profileUrl()), fxa.tokenAuth());
    }

    /**
     * The Sync client settings of {@code upstream}: {@link #fxaConfig}, {@code fxhome.sync.tokenserver-url},
     * {@code fxhome.sync.user-agent} for tokenserver and storage requests, the system clock.
     *
     * @param pageSize records per page of a download
     */
    static SyncClientConfig syncClientConfig(UpstreamConfig upstream, int pageSize) {
        return SyncClientConfig.production().withFxa(fxaConfig(upstream))
                .withTokenserverUrl(URI.create(upstream.sync().tokenserverUrl()))
                .withUserAgent(upstream.sync().userAgent()).withPageSize(pageSize);
    }

    /**
     * One HTTP transport (connection pool) for every upstream call of a process, with {@code fxhome.sync.user-agent}
     * and the {@code fxhome.sync.*-timeout} keys.
     */
    static HttpTransport httpTransport(UpstreamConfig upstream) {
        Sync sync = upstream.sync();
        return HttpTransport.create(sync.userAgent(), new HttpTimeouts(sync.connectTimeout(), sync.responseTimeout(),
                sync.readTimeout(), sync.exchangeTimeout()));
    }

    interface Sync {
        /**
         * {@code fxhome.sync.tokenserver-url} (env {@code FXHOME_SYNC_TOKENSERVER_URL}); the client appends
         * {@code /1.0/sync/1.5}.
         */
        @WithDefault("https://token.services.mozilla.com")
        String tokenserverUrl();

        /** {@code fxhome.sync.user-agent}: sent on every upstream request, so Mozilla can tell fxhome's traffic apart. */
        @WithDefault("fxhome/0.1 (self-hosted Firefox Sync mirror)")
        String userAgent();

        /** {@code fxhome.sync.connect-timeout} (default 20 s): TCP and TLS connect, to FxA, tokenserver and storage. */
        @WithDefault("PT20S")
        Duration connectTimeout();

        /** {@code fxhome.sync.response-timeout} (default 90 s): from a request sent to its response headers. */
        @WithDefault("PT90S")
        Duration responseTimeout();

        /**
         * {@code fxhome.sync.read-timeout} (default 30 s): the longest silence in the middle of a response body; a
         * server that sends its headers and then stalls fails the call after this long.
         */
        @WithDefault("PT30S")
        Duration readTimeout();

        /**
         * {@code fxhome.sync.exchange-timeout} (default 5 min): from a request sent to the last byte of its body, for
         * a body that keeps coming but never ends. Mozilla's client bounds a whole request by 60 s, but buffers pages
         * far smaller than the ones fxhome streams.
         */
        @WithDefault("PT5M")
        Duration exchangeTimeout();
    }
}
