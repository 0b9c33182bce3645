package io.fxhome.sync.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.json.Json;

/**
 * Compares Java results with a vector case's {@code expected} and {@code derived_not_published} blocks, and (like
 * verify_vectors.py) fails when an expected key was never compared, so no published value is silently ignored.
 */
final class VectorCheck {
    private final JsonNode testCase;
    private final Set<String> seenExpected = new HashSet<>();
    private final Set<String> seenDerived = new HashSet<>();
    private int comparisons;

    VectorCheck(JsonNode testCase) {
        this.testCase = testCase;
    }

    JsonNode in() {
        return testCase.path("inputs");
    }

    JsonNode expected() {
        return testCase.path("expected");
    }

    JsonNode derived() {
        return testCase.path("derived_not_published");
    }

    String id() {
        return testCase.get("id").asText();
    }

    /** Compares {@code actual} with {@code expected[key]} when the case publishes that key. */
    void exp(String key, Object actual) {
        if (expected().has(key)) {
            seenExpected.add(key);
            same("expected." + key, actual, expected().get(key));
        }
    }

    void der(String key, Object actual) {
        if (derived().has(key)) {
            seenDerived.add(key);
            same("derived_not_published." + key, actual, derived().get(key));
        }
    }

    /** An expected key the test compared by other means. */
    void mark(String key) {
        if (expected().has(key)) {
            seenExpected.add(key);
        }
    }

    void eq(String label, Object actual, Object wanted) {
        comparisons++;
        assertThat(actual).as(id() + ": " + label).isEqualTo(wanted);
    }

    private void same(String label, Object actual, JsonNode wanted) {
        comparisons++;
        JsonNode got = actual instanceof JsonNode ? (JsonNode) actual : Json.MAPPER.valueToTree(actual);
        if (got == null) {
            got = Json.MAPPER.nullNode();
        }
        boolean equal = got.equals((a, b) -> {
            if (a.isNumber() && b.isNumber()) {
                return a.decimalValue().compareTo(b.decimalValue());
            }
            return a.equals(b) ? 0 : 1;
        }, wanted);
        if (!equal) {
            fail(id() + ": " + label + ": got " + got + ", expected " + wanted);
        }
    }

    /** Every published expected key (and every non-note derived key) was compared, and something was compared. */
    void assertComplete() {
        List<String> missed = new ArrayList<>();
        Iterator<String> e = expected().fieldNames();
        while (e.hasNext()) {
            String k = e.next();
            if (!seenExpected.contains(k)) {
                missed.add(k);
            }
        }
        Iterator<String> d = derived().fieldNames();
        while (d.hasNext()) {
            String k = d.next();
            if (!k.startsWith("_") && !seenDerived.contains(k)) {
                missed.add("derived_not_published." + k);
            }
        }
        assertThat(missed).as(id() + ": expected keys never compared").isEmpty();
        assertThat(comparisons).as(id() + ": comparisons made").isPositive();
    }
}
