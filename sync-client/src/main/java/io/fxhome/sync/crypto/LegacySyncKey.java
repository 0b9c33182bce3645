package io.fxhome.sync.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Pre-FxA Sync 1.1 "Sync Key" support (§6.2, §9), for self-hosted legacy data only: the 26-character friendly
 * base32 form ({@code l→8}, {@code o→9}), the HMAC-expand bundle derivation, and the username munging.
 */
public final class LegacySyncKey {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String INFO_PREFIX = "Sync-AES_256_CBC-HMAC256";

    private LegacySyncKey() {
    }

    /** Decodes the friendly form (dashes allowed, {@code 8→l}, {@code 9→o}) to the 16-byte key. */
    public static byte[] decodeFriendly(String friendly) {
        String s = friendly.replace("-", "").replace('8', 'l').replace('9', 'o').toUpperCase(Locale.ROOT);
        return base32Decode(s);
    }

    /** The 26-character friendly form: lowercase base32 without padding, {@code l→8}, {@code o→9}. */
    public static String encodeFriendly(byte[] key) {
        String b32 = base32Encode(key).replace("=", "").toLowerCase(Locale.ROOT);
        return b32.substring(0, Math.min(26, b32.length())).replace('l', '8').replace('o', '9');
    }

    /** The dashed display form, e.g. {@code y-4nkps-6yxav-i75xn-uv9ds-r472i}. */
    public static String encodeFriendlyDashed(byte[] key) {
        String f = encodeFriendly(key);
        StringBuilder s = new StringBuilder(f.substring(0, 1));
        for (int i = 1; i < f.length(); i += 5) {
            s.append('-').append(f, i, Math.min(f.length(), i + 5));
        }
        return s.toString();
    }

    /** The HKDF info string used by the legacy derivation. */
    public static String info(String username) {
        return INFO_PREFIX + username;
    }

    /** enc = HMAC(key, info ‖ 0x01); hmac = HMAC(key, enc ‖ info ‖ 0x02). */
    public static KeyBundle bundle(byte[] syncKey, String username) {
        byte[] info = info(username).getBytes(StandardCharsets.UTF_8);
        byte[] enc = Digests.hmacSha256(syncKey, Bytes.concat(info, new byte[] { 1 }));
        byte[] mac = Digests.hmacSha256(syncKey, Bytes.concat(enc, info, new byte[] { 2 }));
        return KeyBundle.of(enc, mac);
    }

    /** Sync 1.1 username: the account lowercased if it is {@code [A-Za-z0-9._-]+}, else base32(SHA-1(lowercase)). */
    public static String username(String account) {
        if (isPlainUsername(account)) {
            return account.toLowerCase(Locale.ROOT);
        }
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest(account.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return base32Encode(sha1).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-1", e);
        }
    }

    private static boolean isPlainUsername(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4648 base32 with padding. */
    public static String base32Encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length + 4) / 5 * 8);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        while (out.length() % 8 != 0) {
            out.append('=');
        }
        return out.toString();
    }

    /** RFC 4648 base32, padding optional. */
    public static byte[] base32Decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                break;
            }
            int v = ALPHABET.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("not a base32 character");
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
