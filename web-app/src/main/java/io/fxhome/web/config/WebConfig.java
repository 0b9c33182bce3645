package io.fxhome.web.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the web app, under {@code fxhome.web}. Every key and its default is listed in docs/web-app.md. */
@ConfigMapping(prefix = "fxhome.web")
public interface WebConfig {
    Session session();

    SignIn signIn();

    OAuth oauth();

    Api api();

    Basic basic();

    interface Session {
        /** {@code fxhome.web.session.cookie-name}: the session cookie's name. */
        @WithDefault("fxhome_session")
        String cookieName();

        /** {@code fxhome.web.session.idle-timeout}: a session unused this long expires. */
        @WithDefault("14d")
        Duration idleTimeout();

        /** {@code fxhome.web.session.max-age}: a session expires this long after sign-in, used or not. */
        @WithDefault("90d")
        Duration maxAge();

        /**
         * {@code fxhome.web.session.secure-cookie}: {@code auto} marks cookies Secure when the request came over HTTPS
         * (behind a proxy, enable {@code quarkus.http.proxy.proxy-address-forwarding} so the scheme is known);
         * {@code always} or {@code never} force it.
         */
        @WithDefault("auto")
        String secureCookie();

        /**
         * {@code fxhome.web.session.cache-ttl}: how long a checked session is trusted from memory before the database
         * is asked again. Signing out on this process takes effect at once; on another instance after at most this.
         */
        @WithDefault("10s")
        Duration cacheTtl();

        /** {@code fxhome.web.session.last-seen-interval}: account.last_seen_at is written at most this often. */
        @WithDefault("1m")
        Duration lastSeenInterval();
    }

    interface SignIn {
        /**
         * {@code fxhome.web.sign-in.pending-ttl}: how long a password sign-in waits for its emailed or authenticator
         * code, or its unblock code (sealed in PostgreSQL, shared by every web instance).
         */
        @WithDefault("10m")
        Duration pendingTtl();

        /** {@code fxhome.web.sign-in.max-pending}: at most this many sign-ins wait for a step at once (oldest dropped). */
        @WithDefault("10000")
        int maxPending();

        /** {@code fxhome.web.sign-in.max-code-attempts}: wrong codes allowed for one pending sign-in. */
        @WithDefault("5")
        int maxCodeAttempts();

        /** {@code fxhome.web.sign-in.window}: the window of the sign-in rate limits below. */
        @WithDefault("15m")
        Duration window();

        /** {@code fxhome.web.sign-in.per-address}: sign-in attempts allowed per client address per window. */
        @WithDefault("30")
        int perAddress();

        /** {@code fxhome.web.sign-in.per-email}: sign-in attempts allowed per email address per window. */
        @WithDefault("10")
        int perEmail();
    }

    interface OAuth {
        /**
         * {@code fxhome.web.oauth.callback-path}: fxhome's own callback for the sign-in on Mozilla's page. When
         * {@code fxhome.fxa.browser-redirect-uri} points here (a registered client, or a self-hosted accounts server),
         * Mozilla sends the browser back by itself; otherwise the person pastes the address of the page they land on.
         */
        @WithDefault("/signin/oauth/callback")
        String callbackPath();

        /**
         * {@code fxhome.web.oauth.pending-ttl}: how long a sign-in on Mozilla's page may take, from the start to the
         * pasted address (it may include reading an emailed code).
         */
        @WithDefault("30m")
        Duration pendingTtl();
    }

    interface Api {
        /** {@code fxhome.web.api.history-page-size}: default history page size (the client may ask up to the max). */
        @WithDefault("50")
        int historyPageSize();

        /** {@code fxhome.web.api.max-page-size}: the largest page a client may ask for. */
        @WithDefault("200")
        int maxPageSize();

        /** {@code fxhome.web.api.search-limit}: results of one search. */
        @WithDefault("25")
        int searchLimit();

        /**
         * {@code fxhome.web.api.search-second-connections}: searches that may run history's steps on a second database
         * connection at once, per pool (docs/search.md, "Two connections"); the others, and all with 0, run on one. A
         * pool never gives half its {@code max-size} or more (20: at most 9): a search holds its first connection while
         * it takes the second, so a pool all of whose connections were such first ones would wait for itself.
         */
        @WithDefault("8")
        int searchSecondConnections();
    }

    interface Basic {
        /**
         * {@code fxhome.web.basic.legacy-user-agents}: User-Agent substrings (regular expressions, case-insensitive,
         * comma-separated; write
         * {@code [.]} rather than a backslash, which the list syntax consumes) of browsers sent to the HTML4 pages at
         * {@code /}. Anyone can switch back with the link on every page.
         */
        @WithDefault("MSIE [5-9][.],Opera Mini,Opera/9[.],Android [1-4][.],CPU (iPhone )?OS [1-9]_,Windows CE,Windows Phone OS [1-7][.],Kindle/[1-3],BlackBerry,Symbian,Series ?60,NokiaBrowser,NetFront,PlayStation Portable,Lynx/,^Links [(],w3m/,Dillo/,NetSurf/")
        List<String> legacyUserAgents();

        /** {@code fxhome.web.basic.page-size}: rows per HTML4 page. */
        @WithDefault("50")
        int pageSize();
    }
}
