package io.fxhome.sandbox.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Mozilla's published test vectors, read from the classpath copy in src/test/resources/vectors. */
public final class Vectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {
    }

    public static JsonNode file(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing vector file " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases of a file with the given kind. */
    public static List<JsonNode> cases(String file, String kind) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : file(file).get("cases")) {
            if (kind.equals(c.get("kind").asText())) {
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no " + kind + " cases in " + file);
        }
        return out;
    }

    public static JsonNode caseById(String file, String id) {
        for (JsonNode c : file(file).get("cases")) {
            if (id.equals(c.get("id").asText())) {
                return c;
            }
        }
        throw new IllegalStateException("no case " + id + " in " + file);
    }
}
