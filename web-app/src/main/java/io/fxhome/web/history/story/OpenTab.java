package io.fxhome.web.history.story;

import java.time.Instant;

/** A device that has the page open now, as its last tabs record says. */
public record OpenTab(String clientId, String device, String title, Instant lastUsed) {
}
