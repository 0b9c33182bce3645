package io.fxhome.sandbox.hawk;

import java.util.Locale;

/**
 * The request facts a Hawk MAC covers, taken as received: method, the raw path and query from the request line, and
 * host and port from the Host header (80 or 443 by scheme when the header has no port).
 */
public record HawkRequest(String method, String resource, String host, int port) {

    public static HawkRequest of(String method, String rawUri, String hostHeader, boolean https) {
        String host = hostHeader == null ? "" : hostHeader.trim();
        int port = https ? 443 : 80;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close > 0 && close + 1 < host.length() && host.charAt(close + 1) == ':') {
                port = parsePort(host.substring(close + 2), port);
            }
            host = close > 0 ? host.substring(0, close + 1) : host;
        } else {
            int colon = host.lastIndexOf(':');
            if (colon >= 0) {
                port = parsePort(host.substring(colon + 1), port);
                host = host.substring(0, colon);
            }
        }
        return new HawkRequest(method.toUpperCase(Locale.ROOT), rawUri, host.toLowerCase(Locale.ROOT), port);
    }

    private static int parsePort(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
