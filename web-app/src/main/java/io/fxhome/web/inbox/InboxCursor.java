package io.fxhome.web.inbox;

import java.util.Optional;

import io.fxhome.web.problem.Problem;

/**
 * Where an inbox page ends: the id of its last entry. Entries get increasing ids as they arrive, so paging by id
 * (keyset on the primary key, account first) never repeats or skips one when tabs arrive in between.
 */
public final class InboxCursor {
    private InboxCursor() {
    }

    public static String encode(long lastId) {
        return Long.toString(lastId);
    }

    /**
     * The id before which the page starts; empty for the first page.
     *
     * @throws Problem {@code bad-request} (400) for anything but a positive whole number
     */
    public static Optional<Long> decode(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(text.strip());
            if (id <= 0) {
                throw new NumberFormatException("not positive");
            }
            return Optional.of(id);
        } catch (NumberFormatException e) {
            throw Problem.badRequest("The inbox cursor is not one this server gave out.");
        }
    }
}
