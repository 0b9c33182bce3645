package io.fxhome.web.feeds;

/** Text as XML 1.0 can carry it: characters it forbids (most C0 controls, U+FFFE/FFFF, lone surrogates) become U+FFFD. */
final class XmlText {
    private XmlText() {
    }

    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length();) {
            int cp = s.codePointAt(i);
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            out.appendCodePoint(allowed ? cp : 0xFFFD);
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
