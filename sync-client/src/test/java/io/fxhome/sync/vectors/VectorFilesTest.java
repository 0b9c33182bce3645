package io.fxhome.sync.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.vectors.testing.Vectors;

/**
 * The vector files (one copy, in sync-sandbox's test resources) are intact: every file keeps its provenance and the
 * case count the README states (69).
 */
class VectorFilesTest {
    private static final Map<String, Integer> CASES = Map.of("onepw.json", 8, "ksync.json", 14, "keybundle.json", 11,
            "record.json", 6, "hawk.json", 25, "tokenlib.json", 3, "fxa_bearer.json", 2);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "onepw.json", "ksync.json", "keybundle.json", "record.json", "hawk.json", "tokenlib.json",
            "fxa_bearer.json" })
    void fileIsCompleteWithSources(String name) {
        JsonNode doc = Vectors.file(name);
        assertThat(doc.has("source")).as(name + " keeps its source notes").isTrue();
        assertThat(doc.path("verified").path("status").asBoolean()).isTrue();
        assertThat(doc.get("cases")).hasSize(CASES.get(name));
        for (JsonNode c : doc.get("cases")) {
            assertThat(c.has("source")).as(c.get("id") + " names its source").isTrue();
        }
        assertThat(CASES.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(69);
    }
}
