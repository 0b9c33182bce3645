package io.fxhome.sync.hawk;

import java.net.IDN;
import java.net.URI;
import java.util.Locale;

/**
 * The inputs of a Hawk MAC (§4.2), taken from the request exactly as it goes on the wire.
 *
 * @param ts client time in seconds (after the learnt clock offset)
 * @param nonce the nonce
 * @param method the HTTP method (upper-cased in the normalized string)
 * @param resource raw path + {@code ?} + raw query, no fragment
 * @param host the host, lower-cased (IDN → punycode)
 * @param port explicit port or the scheme default (80/443)
 * @param hash the payload hash (base64) or {@code null} for none
 * @param ext application data or {@code null}
 */
public record HawkArtifacts(long ts, String nonce, String method, String resource, String host, int port, String hash,
        String ext) {

    /** Artifacts for a request URI as the HTTP client will send it. */
    public static HawkArtifacts forRequest(long ts, String nonce, String method, URI uri, String hash, String ext) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("Hawk needs an absolute URI with a host");
        }
        host = IDN.toASCII(host).toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port < 0) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            port = "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
            if (port < 0) {
                throw new IllegalArgumentException("no default port for scheme " + scheme);
            }
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        String query = uri.getRawQuery();
        String resource = query == null ? path : path + "?" + query;
        return new HawkArtifacts(ts, nonce, method, resource, host, port, hash, ext);
    }

    /** The {@code hawk.1.header} normalized string, every line LF-terminated. */
    public String normalizedString() {
        StringBuilder s = new StringBuilder(128);
        s.append("hawk.1.header\n").append(ts).append('\n').append(nonce).append('\n')
                .append(method.toUpperCase(Locale.ROOT)).append('\n').append(resource).append('\n')
                .append(host.toLowerCase(Locale.ROOT)).append('\n').append(port).append('\n')
                .append(hash == null ? "" : hash).append('\n');
        if (ext != null && !ext.isEmpty()) {
            s.append(ext.replace("\\", "\\\\").replace("\n", "\\n"));
        }
        return s.append('\n').toString();
    }
}
