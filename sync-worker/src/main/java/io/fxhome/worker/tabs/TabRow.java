package io.fxhome.worker.tabs;

import java.time.Instant;
import java.util.List;

/** One open tab; {@code urlHistory.get(0)} is the current URL. */
public record TabRow(String title, String url, List<String> urlHistory, String icon, Instant lastUsed, boolean pinned,
        boolean inactive) {
}
