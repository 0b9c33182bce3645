package io.fxhome.sandbox.hawk;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code Authorization: Hawk ...} header. The scheme must be exactly {@code "Hawk "} (syncstorage-rs compares
 * the first five bytes); attributes are {@code name="value"} pairs separated by commas, each at most once.
 */
public record HawkHeader(String id, String ts, String nonce, String mac, String hash, String ext) {
    private static final Set<String> KNOWN = Set.of("id", "ts", "nonce", "mac", "hash", "ext", "app", "dlg");

    /** Why a header could not be parsed. */
    public static final class ParseException extends Exception {
        public ParseException(String message) {
            super(message);
        }
    }

    public static HawkHeader parse(String header) throws ParseException {
        if (header == null || header.length() < 5 || !header.startsWith("Hawk ")) {
            throw new ParseException("missing \"Hawk \" prefix");
        }
        Map<String, String> attrs = new HashMap<>();
        String s = header.substring(5);
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                throw new ParseException("bad attribute syntax");
            }
            String name = s.substring(i, eq).trim();
            if (!KNOWN.contains(name)) {
                throw new ParseException("unknown attribute");
            }
            if (eq + 1 >= n || s.charAt(eq + 1) != '"') {
                throw new ParseException("attribute value not quoted");
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            boolean closed = false;
            while (j < n) {
                char c = s.charAt(j);
                if (c == '\\' && j + 1 < n) {
                    value.append(s.charAt(j + 1));
                    j += 2;
                } else if (c == '"') {
                    closed = true;
                    j++;
                    break;
                } else {
                    value.append(c);
                    j++;
                }
            }
            if (!closed) {
                throw new ParseException("unterminated attribute value");
            }
            if (attrs.put(name, value.toString()) != null) {
                throw new ParseException("duplicate attribute");
            }
            i = j;
        }
        for (String required : new String[] { "id", "ts", "nonce", "mac" }) {
            if (!attrs.containsKey(required) || attrs.get(required).isEmpty()) {
                throw new ParseException("missing attribute " + required);
            }
        }
        if (!attrs.get("ts").chars().allMatch(Character::isDigit) || attrs.get("ts").length() > 12) {
            throw new ParseException("bad ts");
        }
        return new HawkHeader(attrs.get("id"), attrs.get("ts"), attrs.get("nonce"), attrs.get("mac"),
                attrs.get("hash"), attrs.get("ext"));
    }

    public long tsSeconds() {
        return Long.parseLong(ts);
    }

    @Override
    public String toString() {
        return "HawkHeader[ts=" + ts + "]";
    }
}
