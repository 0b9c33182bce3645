package io.fxhome.web.feeds;

import java.nio.charset.StandardCharsets;

/**
 * A synced web address as an Atom {@code href}, which must be an IRI (RFC 3987): ASCII characters an IRI cannot hold
 * ({@code " < > \ ^ ` { | }}, and a {@code %} that starts no escape) are percent-encoded, as a browser does before it
 * sends such an address; everything else (reserved characters, escapes, non-ASCII letters) stays as synced.
 */
final class FeedLinks {
    private static final String ALLOWED = "-._~:/?#[]@!$&'()*+,;=";

    private FeedLinks() {
    }

    static String iri(String url) {
        StringBuilder out = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char ch = url.charAt(i);
            boolean escape = ch == '%' && hex(url, i + 1) && hex(url, i + 2);
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ALLOWED.indexOf(ch) >= 0
                    || escape || ch > 0x7f) {
                out.append(ch);
            } else {
                for (byte b : String.valueOf(ch).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        }
        return out.toString();
    }

    private static boolean hex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }
}
