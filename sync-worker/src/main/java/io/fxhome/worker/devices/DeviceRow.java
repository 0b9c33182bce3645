package io.fxhome.worker.devices;

import java.math.BigDecimal;

/** A device from the clients collection; {@code clientId} is the record id the tabs collection refers to. */
public record DeviceRow(String clientId, String fxaDeviceId, String name, String type, String os, String application,
        String appVersion, String formFactor, BigDecimal serverModified) {
}
