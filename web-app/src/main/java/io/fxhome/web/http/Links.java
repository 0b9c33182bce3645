package io.fxhome.web.http;

import java.util.Locale;
import java.util.Set;

/**
 * Which synced URLs may become links: web schemes only. {@code javascript:}, {@code data:}, {@code file:},
 * {@code place:} and anything malformed are shown as text. Every view (JSON's {@code linkable}, the HTML5 script, the
 * HTML4 templates) decides with this same rule.
 */
public final class Links {
    private static final Set<String> LINKABLE = Set.of("http", "https", "ftp");

    private Links() {
    }

    public static boolean linkable(String url) {
        if (url == null || url.length() > 65_536) {
            return false;
        }
        int colon = url.indexOf(':');
        if (colon <= 0 || !url.startsWith("//", colon + 1)) {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            char ch = url.charAt(i);
            if (ch <= ' ' || ch == 0x7f) {
                return false;
            }
        }
        return LINKABLE.contains(url.substring(0, colon).toLowerCase(Locale.ROOT));
    }
}
