package io.fxhome.web.history.visits;

import java.util.Arrays;
import java.util.List;

import io.fxhome.web.problem.Problem;

/** The words of a history search: split on white space, at most {@link #MAX_WORDS}, none holding a NUL. */
public final class SearchWords {
    static final int MAX_WORDS = 16;
    static final int MAX_LENGTH = 1_000;

    private SearchWords() {
    }

    public static List<String> of(String q) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        if (q.indexOf('\0') >= 0) {
            throw Problem.badRequest("The search holds a NUL character.");
        }
        String text = q.length() > MAX_LENGTH ? q.substring(0, MAX_LENGTH) : q;
        return Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).limit(MAX_WORDS).toList();
    }
}
