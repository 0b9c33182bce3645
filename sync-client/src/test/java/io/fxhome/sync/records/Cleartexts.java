package io.fxhome.sync.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.fxhome.sync.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Parses test cleartexts with the client's own mapper (exact decimals, as downloads do). */
final class Cleartexts {
    private Cleartexts() {
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
