package io.fxhome.sync.hawk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * Hawk payload hash (§4.4): {@code b64(H("hawk.1.payload\n" + baseContentType + "\n" + body + "\n"))}.
 * An empty body still has a hash; "no payload" means no hash at all.
 */
public final class PayloadHash {
    private PayloadHash() {
    }

    /** SHA-256 payload hash, standard base64. */
    public static String of(String contentType, byte[] body) {
        return Base64.getEncoder().encodeToString(digest(HawkCredentials.Algorithm.SHA256, contentType, body));
    }

    public static byte[] digest(HawkCredentials.Algorithm algorithm, String contentType, byte[] body) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm.digestName);
            md.update(("hawk.1.payload\n" + baseContentType(contentType) + "\n").getBytes(StandardCharsets.UTF_8));
            md.update(body);
            md.update((byte) '\n');
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm.digestName, e);
        }
    }

    /** Content type without parameters and surrounding whitespace, lower-cased; {@code null} gives "". */
    public static String baseContentType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        String base = semi >= 0 ? contentType.substring(0, semi) : contentType;
        return base.trim().toLowerCase(Locale.ROOT);
    }
}
