package io.fxhome.sync.vectors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.crypto.Hex;
import io.fxhome.vectors.testing.Vectors;

/**
 * Mozilla's published test vectors as the client's parameterized tests take them; the files are read by the shared
 * {@link Vectors} (sync-sandbox's test-jar).
 */
final class VectorCases {
    private VectorCases() {
    }

    /** One argument per case, named by its id so that the id shows in the test name. */
    static Stream<Arguments> of(String fileName) {
        return Vectors.cases(fileName).stream()
                .map(c -> Arguments.of(Named.of(c.get("id").asText() + " [" + c.get("kind").asText() + "]", c)));
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
