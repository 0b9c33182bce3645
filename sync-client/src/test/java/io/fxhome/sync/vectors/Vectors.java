package io.fxhome.sync.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.fxhome.sync.crypto.Hex;
import io.fxhome.sync.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/** Loads Mozilla's published test vectors (copied verbatim from /work/shared/vectors) from the test classpath. */
final class Vectors {
    private Vectors() {
    }

    static JsonNode file(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /vectors/" + name);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One argument per case, named by its id so that the id shows in the test name. */
    static Stream<Arguments> cases(String fileName) {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : file(fileName).get("cases")) {
            out.add(Arguments.of(Named.of(c.get("id").asText() + " [" + c.get("kind").asText() + "]", c)));
        }
        return out.stream();
    }

    static JsonNode caseById(String fileName, String id) {
        for (JsonNode c : file(fileName).get("cases")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no case " + id + " in " + fileName);
    }

    static byte[] hex(JsonNode n) {
        return Hex.decode(n.asText());
    }

    static byte[] utf8(JsonNode n) {
        return n.asText().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] b64(JsonNode n) {
        return Base64.getDecoder().decode(n.asText());
    }
}
