package io.fxhome.sync.devices;

import java.util.regex.Pattern;

/**
 * The device names Mozilla accepts: fxa-auth-server's device schema ({@code lib/devices.js},
 * {@code name: isA.string().max(255).regex(DISPLAY_SAFE_UNICODE_WITH_NON_BMP)}, the pattern from
 * {@code lib/routes/validators.js}): at most 255 UTF-16 units (Joi counts JavaScript string length), none of them
 * C0/C1 controls, line or paragraph separators, private-use characters, specials or non-characters.
 */
public final class DeviceName {
    public static final int MAX_LENGTH = 255;
    private static final Pattern DISPLAY_SAFE_WITH_NON_BMP = Pattern.compile(
            "[^\\u0000-\\u001F\\u007F\\u0080-\\u009F\\u2028-\\u2029\\uE000-\\uF8FF\\uFFF9-\\uFFFC\\uFFFE-\\uFFFF]*");

    private DeviceName() {
    }

    /** True when Mozilla takes {@code name} as a device's name (an empty one included, which fxhome never sends). */
    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && DISPLAY_SAFE_WITH_NON_BMP.matcher(name).matches();
    }
}
