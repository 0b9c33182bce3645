package io.fxhome.sandbox.hawk;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.fxhome.sandbox.crypto.Base64s;
import io.fxhome.sandbox.crypto.Hmacs;

/** Hawk 1.0 normalized string, request MAC and payload hash (SHA-256 only, as Sync and FxA use). */
public final class HawkMac {
    private HawkMac() {
    }

    /** One line per field, each ending in LF; empty hash and ext lines when absent. */
    public static String normalized(String ts, String nonce, String method, String resource, String host, int port,
            String hash, String ext) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("hawk.1.header\n").append(ts).append('\n').append(nonce).append('\n')
                .append(method.toUpperCase(Locale.ROOT)).append('\n').append(resource).append('\n')
                .append(host.toLowerCase(Locale.ROOT)).append('\n').append(port).append('\n')
                .append(hash == null ? "" : hash).append('\n');
        if (ext != null && !ext.isEmpty()) {
            sb.append(ext.replace("\\", "\\\\").replace("\n", "\\n"));
        }
        return sb.append('\n').toString();
    }

    public static String mac(byte[] key, String normalized) {
        return Base64s.std(Hmacs.hmacSha256(key, normalized.getBytes(StandardCharsets.UTF_8)));
    }

    /** base64(SHA-256("hawk.1.payload\n" + base content type + "\n" + body + "\n")). */
    public static String payloadHash(String contentType, byte[] body) {
        byte[] prefix = ("hawk.1.payload\n" + baseContentType(contentType) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[prefix.length + body.length + 1];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(body, 0, all, prefix.length, body.length);
        all[all.length - 1] = '\n';
        return Base64s.std(Hmacs.sha256(all));
    }

    /** The content type without parameters, trimmed and lower-cased. */
    public static String baseContentType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
