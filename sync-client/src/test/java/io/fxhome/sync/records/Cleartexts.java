package io.fxhome.sync.records;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.json.Json;

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
