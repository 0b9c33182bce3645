package io.fxhome.sync.testsupport;

import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fxhome.sync.hawk.HawkArtifacts;
import io.fxhome.sync.hawk.HawkCredentials;
import io.fxhome.sync.hawk.HawkSigner;

/**
 * Server-side Hawk check for tests, computed independently from what the server received: the raw request URI
 * and the Host header, like syncstorage-rs does. Returns the parsed attributes.
 */
public final class HawkVerifier {
    private HawkVerifier() {
    }

    /** Parses {@code Hawk k="v", ...}. */
    public static Map<String, String> parse(String header) {
        if (header == null || !header.startsWith("Hawk ")) {
            throw new AssertionError("not a Hawk header");
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        String rest = header.substring(5);
        int i = 0;
        while (i < rest.length()) {
            while (i < rest.length() && (rest.charAt(i) == ' ' || rest.charAt(i) == ',')) {
                i++;
            }
            int eq = rest.indexOf('=', i);
            String name = rest.substring(i, eq);
            int q = eq + 1;
            if (rest.charAt(q) != '"') {
                throw new AssertionError("unquoted Hawk attribute " + name);
            }
            StringBuilder v = new StringBuilder();
            int j = q + 1;
            while (rest.charAt(j) != '"') {
                if (rest.charAt(j) == '\\') {
                    j++;
                }
                v.append(rest.charAt(j));
                j++;
            }
            attrs.put(name, v.toString());
            i = j + 1;
        }
        return attrs;
    }

    /** True when the request's MAC verifies with {@code key}; {@code hash} is whatever the client declared. */
    public static boolean verify(TestHttpServer.Request request, byte[] key) {
        Map<String, String> a = parse(request.header("Authorization"));
        String host = request.header("Host");
        int colon = host.lastIndexOf(':');
        String hostname = colon < 0 ? host : host.substring(0, colon);
        int port = colon < 0 ? 80 : Integer.parseInt(host.substring(colon + 1));
        URI uri = request.uri();
        String resource = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        HawkArtifacts artifacts = new HawkArtifacts(Long.parseLong(a.get("ts")), a.get("nonce"), request.method(),
                resource, hostname, port, a.get("hash"), a.get("ext"));
        String mac = Base64.getEncoder().encodeToString(HawkSigner.mac(new HawkCredentials(a.get("id"), key), artifacts));
        return mac.equals(a.get("mac"));
    }
}
