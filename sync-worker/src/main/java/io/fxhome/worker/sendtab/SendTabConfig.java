package io.fxhome.worker.sendtab;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Send Tab: fxhome as one of each linked account's devices (docs/send-tab.md). */
@ConfigMapping(prefix = "fxhome.send-tab")
public interface SendTabConfig {
    /** {@code fxhome.send-tab.enabled}: register fxhome as a device and fetch the tabs sent to it during each sync. */
    @WithDefault("true")
    boolean enabled();

    /**
     * {@code fxhome.send-tab.device-name}: the name Firefox's "Send to device" menu shows for fxhome (e.g. "fxhome on
     * home.example.org"); at most 255 characters.
     */
    @WithDefault("fxhome")
    String deviceName();

    /**
     * {@code fxhome.send-tab.poll-interval}: a scheduled sync fetches the account's Send Tab commands only if the last
     * fetch is at least this old (one FxA request per account per sync would be most of a fleet's FxA traffic).
     * Interactive syncs and the web app's short poll while the app is open always fetch.
     */
    @WithDefault("5M")
    Duration pollInterval();
}
