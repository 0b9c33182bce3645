package io.fxhome.web.export;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.fxhome.web.tabs.TabView;

/**
 * Tabs as a plain list of links, {@code text/uri-list} (RFC 2483): one address per line, each preceded by its title as
 * a {@code #} comment. Only http, https and ftp addresses are listed as links; any other is written as a comment, so
 * that a tool opening every link of the list never runs javascript: or data: addresses. Line breaks and other control
 * characters in a title become spaces; in an address they (and spaces) are percent-encoded.
 */
final class UriList {
    private UriList() {
    }

    static String of(String heading, List<TabView> tabs) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(comment(heading)).append("\r\n");
        for (TabView t : tabs) {
            b.append("# ").append(comment(t.title() == null ? "" : t.title())).append("\r\n");
            if (t.linkable()) {
                b.append(address(t.url())).append("\r\n");
            } else {
                b.append("# not a web address, not listed as a link: ").append(comment(t.url())).append("\r\n");
            }
        }
        return b.toString();
    }

    private static String comment(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 ? ' ' : c));
        return b.toString();
    }

    private static String address(String url) {
        StringBuilder b = new StringBuilder(url.length());
        for (byte x : url.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c <= 0x20 || c == 0x7f) {
                b.append('%').append(String.format("%02X", c));
            } else {
                b.append((char) c);
            }
        }
        // Non-ASCII bytes were appended as Latin-1 chars above; put them back as UTF-8 text.
        return new String(b.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
