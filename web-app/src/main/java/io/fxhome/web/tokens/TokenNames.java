package io.fxhome.web.tokens;

import io.fxhome.web.problem.Problem;

/** What a token's name may be: what a person types to recognise it, 1 to 100 characters, no control characters. */
final class TokenNames {
    static final int MAX = 100;

    private TokenNames() {
    }

    static String check(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > MAX) {
            throw Problem.badRequest("Give the token a name of 1 to " + MAX + " characters.");
        }
        for (int i = 0; i < trimmed.length();) {
            int cp = trimmed.codePointAt(i); // an unpaired surrogate comes back as itself
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE) {
                throw Problem.badRequest("A token's name cannot hold control characters or broken text.");
            }
            i += Character.charCount(cp);
        }
        return trimmed;
    }
}
