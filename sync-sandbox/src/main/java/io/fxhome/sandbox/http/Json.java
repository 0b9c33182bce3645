package io.fxhome.sandbox.http;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One shared Jackson mapper and the few JSON helpers the handlers need. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON serialization failed", e);
        }
    }

    public static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON serialization failed", e);
        }
    }

    /** Parses JSON text; null when it is not JSON. */
    public static JsonNode parseOrNull(byte[] bytes) {
        try {
            return bytes == null || bytes.length == 0 ? null : MAPPER.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    public static ObjectNode parseObject(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node instanceof ObjectNode o) {
                return o;
            }
            throw new IllegalArgumentException("not a JSON object");
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    /** A JSON string literal, quotes included. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        JsonText.quote(sb, s);
        return sb.toString();
    }

    /** UTF-8 bytes of a JSON string literal, quotes included. */
    public static byte[] quoteUtf8(String s) {
        byte[] inner = JsonStringEncoder.getInstance().quoteAsUTF8(s);
        byte[] out = new byte[inner.length + 2];
        out[0] = '"';
        System.arraycopy(inner, 0, out, 1, inner.length);
        out[out.length - 1] = '"';
        return out;
    }
}
