package io.fxhome.sync.token;

import java.net.URI;
import java.util.Locale;

import io.fxhome.sync.error.UntrustedEndpointException;

/**
 * Which storage endpoints ({@code api_endpoint} of a tokenserver answer) the client sends a user's Hawk-signed requests
 * to: http or https with a host and nothing else (no user info, query or fragment), and only https when the tokenserver
 * itself is reached over https, so a tokenserver answer never downgrades the transport. Mozilla's client refuses any
 * plain-http URL outside loopback for every request it makes (application-services viaduct {@code validate_request},
 * {@code NonTlsUrl}); fxhome also talks plain http to a self-hosted stack on a private network (and to the sandbox),
 * so it ties the endpoint's scheme to the configured tokenserver's instead.
 */
public final class StorageEndpointPolicy {
    private static final int MAX_SHOWN = 100;

    private StorageEndpointPolicy() {
    }

    /** @throws UntrustedEndpointException naming the scheme and host (never the path, which holds the storage uid) */
    public static void check(URI tokenserver, URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw refused("scheme " + shown(scheme) + " is not http(s)");
        }
        if (endpoint.getHost() == null || endpoint.getHost().isEmpty()) {
            throw refused("no host");
        }
        if (scheme.equals("http") && "https".equalsIgnoreCase(tokenserver.getScheme())) {
            throw refused("plain http (host " + shown(endpoint.getHost())
                    + ") from a tokenserver reached over https");
        }
        if (endpoint.getRawUserInfo() != null || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            throw refused("user info, query or fragment in the URL (host " + shown(endpoint.getHost()) + ")");
        }
    }

    private static UntrustedEndpointException refused(String problem) {
        return new UntrustedEndpointException(problem);
    }

    /** A server-chosen text, shortened and reduced to printable ASCII before it reaches a log or a status. */
    private static String shown(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_SHOWN; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return "'" + out + (text.length() > MAX_SHOWN ? "…" : "") + "'";
    }
}
