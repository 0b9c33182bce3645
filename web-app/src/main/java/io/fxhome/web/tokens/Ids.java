package io.fxhome.web.tokens;

import java.util.UUID;

import io.fxhome.web.problem.Problem;

/** A token id from a URL or a form: anything that is not a UUID names no token. */
final class Ids {
    private Ids() {
    }

    static UUID parse(String id) {
        try {
            if (id != null && id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException e) {
            // falls through: no such token
        }
        throw Problem.notFound("That token");
    }
}
