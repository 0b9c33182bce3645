package io.fxhome.web.tabs;

import java.time.Instant;

/** One open tab. {@code linkable} is false for URLs that must be shown as text (javascript:, data:, ...). */
public record TabView(String title, String url, Instant lastUsed, boolean pinned, boolean inactive, boolean linkable) {
}
