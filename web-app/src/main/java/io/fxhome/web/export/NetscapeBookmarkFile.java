package io.fxhome.web.export;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

import io.fxhome.web.export.ExportOrder.Exported;
import io.fxhome.web.http.Links;

/**
 * Writes bookmarks in the Netscape bookmark file format that every browser imports, as Firefox exports it: the menu's
 * content at the top level, then the toolbar ({@code PERSONAL_TOOLBAR_FOLDER}), Other Bookmarks
 * ({@code UNFILED_BOOKMARKS_FOLDER}), Mobile Bookmarks and fxhome's "Lost and found"; folders as {@code H3} with a
 * {@code DL}, separators as {@code HR}, dates in seconds ({@code ADD_DATE}, {@code LAST_MODIFIED}), keywords as
 * {@code SHORTCUTURL}, tags as {@code TAGS}, descriptions as {@code DD}. Every synced string is escaped, control
 * characters become spaces (some importers read the file line by line), and only http, https and ftp addresses become
 * an {@code HREF}: any other (javascript:, data:, place:...) is kept as text in the item's {@code DD}, so that no
 * browser importing the file makes it clickable.
 */
final class NetscapeBookmarkFile {
    private final Writer out;

    NetscapeBookmarkFile(Writer out) {
        this.out = out;
    }

    void write(List<Exported> roots, List<Exported> lostAndFound) throws IOException {
        out.write(
                """
                        <!DOCTYPE NETSCAPE-Bookmark-file-1>
                        <!-- This is an automatically generated file.
                             It will be read and overwritten.
                             DO NOT EDIT! -->
                        <META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
                        <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'none'; img-src data: *; object-src 'none'"></meta>
                        <TITLE>Bookmarks</TITLE>
                        <H1>Bookmarks Menu</H1>

                        <DL><p>
                        """);
        for (Exported root : roots) {
            if (root.node().guid().equals("menu")) {
                for (Exported child : root.children()) {
                    item(child, 1);
                }
            }
        }
        for (Exported root : roots) {
            String guid = root.node().guid();
            if (!guid.equals("menu")) {
                String flag = switch (guid) {
                    case "toolbar" -> " PERSONAL_TOOLBAR_FOLDER=\"true\"";
                    case "unfiled" -> " UNFILED_BOOKMARKS_FOLDER=\"true\"";
                    default -> "";
                };
                folder(root, flag, 1);
            }
        }
        if (!lostAndFound.isEmpty()) {
            indent(1);
            out.write("<DT><H3>" + text(ExportOrder.LOST_AND_FOUND_TITLE) + "</H3>\n");
            list(lostAndFound, 1);
        }
        out.write("</DL>\n");
    }

    private void item(Exported e, int depth) throws IOException {
        switch (e.node().kind()) {
            case "folder", "livemark" -> folder(e, "", depth);
            case "separator" -> {
                indent(depth);
                out.write("<HR>\n");
            }
            default -> bookmark(e, depth);
        }
    }

    private void folder(Exported e, String flag, int depth) throws IOException {
        indent(depth);
        out.write("<DT><H3" + dates(e) + flag + ">" + text(e.title()) + "</H3>\n");
        if (e.node().description() != null && !e.node().description().isBlank()) {
            indent(depth);
            out.write("<DD>" + text(e.node().description()) + "\n");
        }
        list(e.children(), depth);
    }

    private void list(List<Exported> children, int depth) throws IOException {
        indent(depth);
        out.write("<DL><p>\n");
        for (Exported c : children) {
            item(c, depth + 1);
        }
        indent(depth);
        out.write("</DL><p>\n");
    }

    private void bookmark(Exported e, int depth) throws IOException {
        String url = e.node().url();
        boolean link = url != null && Links.linkable(url);
        StringBuilder a = new StringBuilder("<DT><A");
        if (link) {
            a.append(" HREF=\"").append(text(url)).append('"');
        }
        a.append(dates(e));
        if (e.node().keyword() != null && !e.node().keyword().isBlank()) {
            a.append(" SHORTCUTURL=\"").append(text(e.node().keyword())).append('"');
        }
        if (!e.node().tags().isEmpty()) {
            a.append(" TAGS=\"").append(text(String.join(",", e.node().tags()))).append('"');
        }
        a.append('>').append(text(e.node().title() == null ? (link ? url : "") : e.node().title())).append("</A>\n");
        indent(depth);
        out.write(a.toString());
        String description = e.node().description() == null || e.node().description().isBlank() ? null
                : e.node().description();
        if (!link && url != null) {
            String kept = "Address not exported as a link: " + url;
            description = description == null ? kept : description + " · " + kept;
        }
        if (description != null) {
            indent(depth);
            out.write("<DD>" + text(description) + "\n");
        }
    }

    private static String dates(Exported e) {
        StringBuilder s = new StringBuilder();
        Instant added = e.node().dateAdded();
        if (added != null) {
            s.append(" ADD_DATE=\"").append(added.getEpochSecond()).append('"');
        }
        Instant modified = e.node().lastModified();
        if (modified != null) {
            s.append(" LAST_MODIFIED=\"").append(modified.getEpochSecond()).append('"');
        }
        return s.toString();
    }

    private void indent(int depth) throws IOException {
        out.write("    ".repeat(depth));
    }

    /** Escaped for text and for a double-quoted attribute; control characters (line breaks among them) as spaces. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 || c == 0x7f ? ' ' : c);
            }
        }
        return b.toString();
    }
}
