package io.fxhome.sync.http;

import java.time.Duration;

/**
 * How long an upstream call may take, phase by phase. {@code java.net.http}'s request timeout covers only the wait for
 * the response headers; a body is guarded by {@link BodyWatchdog}: no more than {@code read} between two bytes, and the
 * whole exchange (request sent to last byte) within {@code exchange}. Mozilla's own client bounds a whole request,
 * body included, by one timeout (application-services viaduct {@code ClientSettings.timeout}, 60 s by default); fxhome
 * streams pages far larger than its buffered answers, so the whole exchange gets more time and a stall between bytes is
 * caught sooner.
 *
 * @param connect TCP and TLS connect
 * @param response from the request sent to the response headers
 * @param read the longest silence in the middle of a body
 * @param exchange from the request sent to the last byte of the body
 */
public record HttpTimeouts(Duration connect, Duration response, Duration read, Duration exchange) {
    /** 20 s, 90 s, 30 s, 5 min. */
    public static final HttpTimeouts DEFAULTS = new HttpTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(90),
            Duration.ofSeconds(30), Duration.ofMinutes(5));

    public HttpTimeouts {
        for (Duration d : new Duration[] { connect, response, read, exchange }) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("HTTP timeouts must be positive");
            }
        }
    }
}
