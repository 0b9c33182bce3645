package io.fxhome.sandbox.tokenserver;

import java.time.Clock;

/**
 * What the tokenserver is configured with (taken from the sandbox's options).
 *
 * @param clock the sandbox's clock
 * @param tokenDurationSeconds token lifetime (a request may ask for less)
 * @param publicBaseUrl base URL of the nodes in {@code api_endpoint}; null means the Host the client used
 * @param metricsHashSecret secret of {@code hashed_fxa_uid}
 * @param nodeType {@code node_type}
 */
public record TokenServerSettings(Clock clock, long tokenDurationSeconds, String publicBaseUrl,
        String metricsHashSecret, String nodeType) {

    @Override
    public String toString() {
        return "TokenServerSettings[tokenDuration=" + tokenDurationSeconds + "s, nodeType=" + nodeType
                + ", secret redacted]";
    }
}
