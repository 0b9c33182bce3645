package io.fxhome.sandbox.testsupport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/** A small Hawk signer for tests: header for a method and the exact URI as sent. */
public final class TestHawk {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestHawk() {
    }

    public static String nonce() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String payloadHash(String contentType, byte[] body) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update(("hawk.1.payload\n" + contentType + "\n").getBytes(StandardCharsets.UTF_8));
        d.update(body);
        d.update((byte) '\n');
        return Base64.getEncoder().encodeToString(d.digest());
    }

    public static String header(String method, URI uri, String id, byte[] key, long ts, String nonce, String hash)
            throws Exception {
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        String resource = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String normalized = "hawk.1.header\n" + ts + "\n" + nonce + "\n" + method.toUpperCase(Locale.ROOT) + "\n"
                + resource + "\n" + uri.getHost().toLowerCase(Locale.ROOT) + "\n" + port + "\n"
                + (hash == null ? "" : hash) + "\n\n";
        String mac = Base64.getEncoder().encodeToString(ClientCrypto.hmac(key, normalized.getBytes(
                StandardCharsets.UTF_8)));
        return "Hawk id=\"" + id + "\", ts=\"" + ts + "\", nonce=\"" + nonce + "\""
                + (hash == null ? "" : ", hash=\"" + hash + "\"") + ", mac=\"" + mac + "\"";
    }

    public static String header(String method, URI uri, String id, byte[] key) throws Exception {
        return header(method, uri, id, key, System.currentTimeMillis() / 1000, nonce(), null);
    }
}
