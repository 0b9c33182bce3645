package io.fxhome.sync.devices;

import java.util.Map;

/**
 * A device of the account as {@code GET /v1/account/devices} lists it.
 *
 * @param id 32 hex
 * @param name the name the user sees (synced text: escape where shown)
 * @param type desktop, mobile, …
 * @param isCurrentDevice whether it is the device of the token that asked (fxhome's own)
 * @param availableCommands command name → published data
 * @param lastAccessTime milliseconds, 0 when unknown
 */
public record RemoteDevice(String id, String name, String type, boolean isCurrentDevice,
        Map<String, String> availableCommands, long lastAccessTime) {

    public RemoteDevice {
        availableCommands = Map.copyOf(availableCommands);
    }

    /** Whether it takes Send Tab. */
    public boolean acceptsTabs() {
        return availableCommands.containsKey(SendTabCodec.COMMAND);
    }
}
