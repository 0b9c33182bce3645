package io.fxhome.sync.devices;

import java.util.List;

/**
 * A page of this device's command queue.
 *
 * @param index the highest index the server returned (or its last one when the page is empty)
 * @param last whether nothing more is waiting after this page
 * @param messages the commands, in index order
 */
public record CommandPage(long index, boolean last, List<PendingCommand> messages) {

    public CommandPage {
        messages = List.copyOf(messages);
    }
}
