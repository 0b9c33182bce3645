package io.fxhome.web.timeline;

import io.fxhome.web.problem.Problem;

/** A device's client id from a URL: a Sync record id has at most 64 characters, so a longer one names no device. */
public final class DeviceId {
    private DeviceId() {
    }

    public static String check(String clientId) {
        if (clientId == null || clientId.isEmpty() || clientId.length() > 64) {
            throw Problem.notFound("This device");
        }
        return clientId;
    }
}
