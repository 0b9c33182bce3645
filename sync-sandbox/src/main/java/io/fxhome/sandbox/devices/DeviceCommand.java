package io.fxhome.sandbox.devices;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One queued command (pushbox's record): its index in the target device's queue, what was sent, by which device, and
 * when it expires.
 */
public record DeviceCommand(long index, String command, ObjectNode payload, String sender, long expiresAtMillis) {
}
