package io.fxhome.web.inbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The inbox's settings, under {@code fxhome.web.inbox} (docs/web-app.md, docs/send-tab.md). */
@ConfigMapping(prefix = "fxhome.web.inbox")
public interface InboxConfig {
    /**
     * {@code fxhome.web.inbox.refresh-interval}: while the app is open and visible it asks for the tabs sent to
     * fxhome this often ({@code POST /api/v1/inbox/refresh}), and an account gets at most one such "receive commands
     * only" job per this much time, however many tabs or devices ask.
     */
    @WithDefault("30S")
    Duration refreshInterval();
}
