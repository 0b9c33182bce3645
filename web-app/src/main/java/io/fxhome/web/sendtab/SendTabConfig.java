package io.fxhome.web.sendtab;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of sending tabs to the account's other devices, under {@code fxhome.web.send-tab}; in docs/send-tab.md. */
@ConfigMapping(prefix = "fxhome.web.send-tab")
public interface SendTabConfig {
    /**
     * {@code fxhome.web.send-tab.per-window}: at most this many tabs sent per account in {@code window}, counted in
     * PostgreSQL across all web instances (every attempt that reaches Mozilla counts, sent or refused).
     */
    @WithDefault("30")
    int perWindow();

    /** {@code fxhome.web.send-tab.window}: the sliding window of the limit above. */
    @WithDefault("1h")
    Duration window();
}
