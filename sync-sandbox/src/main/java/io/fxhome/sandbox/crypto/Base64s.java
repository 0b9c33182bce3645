package io.fxhome.sandbox.crypto;

import java.util.Base64;

/** The three base64 flavours the protocols mix: standard padded, URL-safe padded, URL-safe unpadded. */
public final class Base64s {
    private Base64s() {
    }

    public static String std(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static byte[] fromStd(String s) {
        return Base64.getDecoder().decode(s);
    }

    /** URL-safe with padding, as tokenlib encodes tokenserver ids and keys. */
    public static String url(byte[] bytes) {
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    /** URL-safe without padding (X-KeyID, PKCE, JOSE). */
    public static String urlNoPad(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** URL-safe, padding optional. */
    public static byte[] fromUrl(String s) {
        return Base64.getUrlDecoder().decode(s);
    }
}
