package io.fxhome.web.inbox;

import java.time.Instant;

/**
 * A tab another Firefox sent to fxhome: its page, who sent it and when, and when it was marked read (null: unread).
 * {@code linkable} says whether the URL may become a link (see Links).
 */
public record InboxEntry(long id, String url, String title, String senderName, Instant sentAt, Instant readAt,
        boolean linkable) {
}
