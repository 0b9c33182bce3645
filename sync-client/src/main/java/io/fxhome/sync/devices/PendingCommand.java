package io.fxhome.sync.devices;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One command waiting for this device ({@code GET /v1/account/device/commands}).
 *
 * @param index its index in the device's queue
 * @param command the command name
 * @param payload the command's payload (encrypted for open-uri)
 * @param sender the sending device's id, or null
 */
public record PendingCommand(long index, String command, JsonNode payload, String sender) {
}
