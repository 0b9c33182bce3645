package io.fxhome.web.inbox;

import java.util.List;

/** One page of the inbox, newest first; {@code next} is the cursor of the following page, null at the end. */
public record InboxPage(List<InboxEntry> items, String next) {
}
