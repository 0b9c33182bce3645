package io.fxhome.sandbox.devices;

import java.util.Map;

/**
 * A device record as the auth server keeps it.
 *
 * @param id 32 hex
 * @param refreshTokenId the id of the OAuth refresh token it was registered with (null for the simulated Firefox,
 *        whose device hangs off a session)
 * @param name the name shown in Firefox's "Send to device" menu
 * @param type desktop, mobile, tablet, vr, tv or anything up to 16 characters
 * @param availableCommands command name → the device's published data for it
 * @param createdAt milliseconds
 * @param lastAccessTime milliseconds
 */
public record Device(String id, String refreshTokenId, String name, String type, Map<String, String> availableCommands,
        long createdAt, long lastAccessTime) {

    public Device {
        availableCommands = Map.copyOf(availableCommands);
    }
}
