package io.fxhome.sync.client;

import java.net.URI;
import java.time.Clock;

import io.fxhome.sync.fxa.FxaConfig;
import io.fxhome.sync.storage.DownloadRequest;

/**
 * Settings shared by every {@link SyncClient}.
 *
 * @param tokenserverUrl the tokenserver base (default {@code https://token.services.mozilla.com})
 * @param fxa Firefox Accounts settings (OAuth refresh)
 * @param userAgent User-Agent for tokenserver and storage requests
 * @param pageSize default records per page for downloads
 * @param clock the clock for token lifetimes, back-off and Hawk timestamps
 */
public record SyncClientConfig(URI tokenserverUrl, FxaConfig fxa, String userAgent, int pageSize, Clock clock) {
    public static final URI DEFAULT_TOKENSERVER_URL = URI.create("https://token.services.mozilla.com");

    public SyncClientConfig {
        if (tokenserverUrl == null || fxa == null || clock == null) {
            throw new IllegalArgumentException("tokenserver URL, FxA config and clock are required");
        }
        if (userAgent == null || userAgent.isBlank()) {
            userAgent = fxa.userAgent();
        }
        if (pageSize <= 0) {
            pageSize = DownloadRequest.DEFAULT_PAGE_SIZE;
        }
    }

    /** Mozilla production, 1000 records per page, system clock. */
    public static SyncClientConfig production() {
        FxaConfig fxa = FxaConfig.production();
        return new SyncClientConfig(DEFAULT_TOKENSERVER_URL, fxa, fxa.userAgent(), DownloadRequest.DEFAULT_PAGE_SIZE,
                Clock.systemUTC());
    }

    public SyncClientConfig withTokenserverUrl(URI url) {
        return new SyncClientConfig(url, fxa, userAgent, pageSize, clock);
    }

    public SyncClientConfig withFxa(FxaConfig config) {
        return new SyncClientConfig(tokenserverUrl, config, userAgent, pageSize, clock);
    }

    public SyncClientConfig withUserAgent(String ua) {
        return new SyncClientConfig(tokenserverUrl, fxa, ua, pageSize, clock);
    }

    public SyncClientConfig withPageSize(int size) {
        return new SyncClientConfig(tokenserverUrl, fxa, userAgent, size, clock);
    }

    public SyncClientConfig withClock(Clock c) {
        return new SyncClientConfig(tokenserverUrl, fxa, userAgent, pageSize, c);
    }
}
