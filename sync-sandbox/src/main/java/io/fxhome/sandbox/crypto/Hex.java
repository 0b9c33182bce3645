package io.fxhome.sandbox.crypto;

import java.util.HexFormat;

/** Lower-case hex, the encoding FxA and Sync use for binary values in JSON. */
public final class Hex {
    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    /** Accepts upper or lower case; throws {@link IllegalArgumentException} on anything else. */
    public static byte[] decode(String hex) {
        if (hex == null || (hex.length() & 1) != 0) {
            throw new IllegalArgumentException("not a hex string");
        }
        return FORMAT.parseHex(hex);
    }

    /** True for a hex string of exactly {@code chars} characters. */
    public static boolean isHex(String s, int chars) {
        if (s == null || s.length() != chars) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
