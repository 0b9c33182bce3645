package io.fxhome.sync.records;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lenient field readers for cleartexts written by a decade of Firefox versions: a missing field and an explicit
 * {@code null} read the same; numbers may arrive as strings or floats; wrong types read as absent.
 */
final class Fields {
    /**
     * The latest time a record's date may name, 9999-12-31T23:59:59.999Z: beyond it ISO-8601 needs a sign, which
     * PostgreSQL refuses (a hostile {@code dateAdded} would fail its whole page). Later dates read as unknown.
     */
    static final long LATEST_MILLIS = 253_402_300_799_999L;
    /** The longest numeric string read as a number (a long has 19 digits; room for a sign, decimals, an exponent). */
    private static final int MAX_NUMBER_TEXT = 64;

    private Fields() {
    }

    /** A string field; numbers and booleans are rendered as text; objects, arrays and null give null. */
    static String text(JsonNode o, String name) {
        JsonNode n = o.get(name);
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        return n.asText();
    }

    /**
     * An integral field from an integer, a float (truncated towards zero) or a numeric string of at most 64
     * characters; else null.
     */
    static Long integer(JsonNode o, String name) {
        return integer(o.get(name));
    }

    static Long integer(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            double d = n.asDouble();
            return Double.isFinite(d) ? (long) d : null;
        }
        if (n.isTextual()) {
            String s = n.asText().trim();
            // No time or count is longer; BigDecimal parses in quadratic time (a 2 MB string: minutes of CPU).
            if (s.isEmpty() || s.length() > MAX_NUMBER_TEXT) {
                return null;
            }
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException notLong) {
                try {
                    return new BigDecimal(s).longValue();
                } catch (NumberFormatException notNumber) {
                    return null;
                }
            }
        }
        return null;
    }

    static Integer int32(JsonNode o, String name) {
        Long v = integer(o, name);
        return v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : Integer.valueOf(v.intValue());
    }

    /** A boolean from {@code true}/{@code false}, the strings "true"/"false", or 0/1; else null. */
    static Boolean bool(JsonNode o, String name) {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isTextual()) {
            String s = n.asText().trim();
            return "true".equalsIgnoreCase(s) ? Boolean.TRUE : "false".equalsIgnoreCase(s) ? Boolean.FALSE : null;
        }
        if (n.isIntegralNumber()) {
            return n.asLong() != 0;
        }
        return null;
    }

    /** The string elements of an array field (other elements dropped); missing, null or not an array: empty. */
    static List<String> strings(JsonNode o, String name) {
        JsonNode n = o.get(name);
        if (n == null || !n.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode e : n) {
            if (e != null && e.isTextual()) {
                out.add(e.asText());
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The members whose names are not in {@code known}, kept for round trips and diagnostics. */
    static Map<String, JsonNode> unknown(JsonNode o, Set<String> known) {
        Map<String, JsonNode> out = null;
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            if (!known.contains(e.getKey())) {
                if (out == null) {
                    out = new LinkedHashMap<>();
                }
                out.put(e.getKey(), e.getValue());
            }
        }
        return out == null ? Map.of() : Collections.unmodifiableMap(out);
    }

    /** The record id: the cleartext's own {@code id} when it is a string, else the BSO id. */
    static String id(JsonNode o, String bsoId) {
        JsonNode n = o.get("id");
        return n != null && n.isTextual() ? n.asText() : bsoId;
    }
}
