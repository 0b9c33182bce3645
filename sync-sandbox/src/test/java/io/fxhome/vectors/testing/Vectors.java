package io.fxhome.vectors.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Mozilla's published test vectors, read from the classpath ({@code /vectors/*.json}; the one copy of the files, with
 * their README and verify_vectors.py, is sync-sandbox's src/test/resources/vectors). The sandbox's tests and, through
 * the sandbox's test-jar, the client's tests read the same files.
 */
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

    /** Every case of a file, in the file's order. */
    public static List<JsonNode> cases(String file) {
        List<JsonNode> out = new ArrayList<>();
        file(file).get("cases").forEach(out::add);
        return out;
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
