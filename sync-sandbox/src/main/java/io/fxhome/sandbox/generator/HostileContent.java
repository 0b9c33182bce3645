package io.fxhome.sandbox.generator;

/** Values a careless renderer or parser gets wrong; generated profiles include some on purpose. */
public final class HostileContent {
    public static final String SCRIPT_TITLE = "<script>alert(1)</script>";
    public static final String ATTRIBUTE_BREAKOUT = "\"'><img src=x onerror=alert(1)>";
    public static final String JAVASCRIPT_URL = "javascript:alert(document.cookie)";
    public static final String DATA_URL = "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==";
    public static final String NON_BMP_TITLE = "Music 𝄞 notes 🎵🦊 and 👩‍👩‍👧 families";
    public static final String RTL_TITLE = "\u202Egnp.exe \u05e9\u05dc\u05d5\u05dd";
    public static final String QUOTES_AND_NEWLINES = "Line one\nline \"two\"\t\\ back\\slash";

    private HostileContent() {
    }

    /** A title of {@code length} characters. */
    public static String longTitle(int length) {
        StringBuilder sb = new StringBuilder(length);
        String chunk = "A very long title that keeps going ";
        while (sb.length() < length) {
            sb.append(chunk);
        }
        sb.setLength(length);
        return sb.toString();
    }
}
