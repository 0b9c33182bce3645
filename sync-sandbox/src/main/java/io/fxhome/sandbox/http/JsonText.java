package io.fxhome.sandbox.http;

/**
 * Fast JSON text building for the hot paths (record generation, stored BSOs): strings are escaped in one pass
 * (quotes, backslashes and control characters; other characters, non-BMP ones included, are kept as they are, which
 * JSON allows).
 */
public final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final StringBuilder sb;
    private boolean needComma;

    public JsonText(int capacity) {
        this.sb = new StringBuilder(capacity);
    }

    /** Appends {@code s} as a JSON string literal, quotes included. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                sb.append(s, start, i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    case '\b' -> sb.append("\\b");
                    case '\f' -> sb.append("\\f");
                    default -> sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
                }
                start = i + 1;
            }
        }
        sb.append(s, start, n).append('"');
    }

    public JsonText beginObject() {
        comma();
        sb.append('{');
        needComma = false;
        return this;
    }

    public JsonText endObject() {
        sb.append('}');
        needComma = true;
        return this;
    }

    public JsonText beginArray(String name) {
        name(name);
        sb.append('[');
        needComma = false;
        return this;
    }

    public JsonText endArray() {
        sb.append(']');
        needComma = true;
        return this;
    }

    private void comma() {
        if (needComma) {
            sb.append(',');
        }
    }

    private void name(String name) {
        comma();
        quote(sb, name);
        sb.append(':');
        needComma = false;
    }

    public JsonText field(String name, String value) {
        name(name);
        if (value == null) {
            sb.append("null");
        } else {
            quote(sb, value);
        }
        needComma = true;
        return this;
    }

    public JsonText field(String name, long value) {
        name(name);
        sb.append(value);
        needComma = true;
        return this;
    }

    public JsonText nullField(String name) {
        name(name);
        sb.append("null");
        needComma = true;
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
