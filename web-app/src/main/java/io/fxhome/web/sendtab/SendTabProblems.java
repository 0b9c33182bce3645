package io.fxhome.web.sendtab;

import java.time.Duration;

import io.fxhome.sync.devices.DeviceClient;
import io.fxhome.sync.error.CryptoException;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.NetworkException;
import io.fxhome.sync.error.SyncException;
import io.fxhome.web.problem.Problem;

/**
 * What Mozilla's device routes answered, as a sentence the user can act on and a code a client can branch on. The
 * errnos are fxa-auth-server's (lib/error.js): 123 unknown device, 157 unavailable device command, 114 too many
 * requests (with retryAfter), 110 invalid token.
 */
public final class SendTabProblems {
    private SendTabProblems() {
    }

    public static Problem needsReauth() {
        return new Problem(409, "needs-reauth", "Sign in again",
                "Mozilla no longer accepts fxhome's access to your Firefox Account (it was signed out or removed from "
                        + "your devices). Sign in to fxhome again to send tabs.");
    }

    public static Problem unknownDevice() {
        return new Problem(404, "unknown-device", "Unknown device",
                "That device is no longer one of your Firefox Account's devices. Choose another from the fresh list.");
    }

    public static Problem cannotReceive() {
        return new Problem(409, "device-cannot-receive", "That device does not take tabs",
                "That device does not accept tabs sent to it (any more). Choose another device.");
    }

    public static Problem staleKeys() {
        return new Problem(409, "device-keys-stale", "That device cannot receive yet",
                "That device published its keys under an older key of your account, so fxhome cannot encrypt for it. "
                        + "It publishes new ones the next time it syncs; try again later.");
    }

    public static Problem rateLimited(Duration retryAfter, int perWindow, Duration window) {
        return new Problem(429, "send-rate-limited", "Too many tabs sent",
                "You sent " + perWindow + " tabs in the last " + minutes(window) + "; try again in "
                        + minutes(retryAfter) + ".",
                retryAfter, null);
    }

    /** A refusal or failure of the device routes. */
    public static Problem of(SyncException e) {
        if (e instanceof CryptoException) {
            return staleKeys();
        }
        if (e instanceof NetworkException) {
            return new Problem(503, "upstream-unreachable", "Mozilla's accounts service unreachable",
                    "fxhome could not reach Mozilla's accounts service. Try again in a moment.");
        }
        if (!(e instanceof FxaException fxa)) {
            return upstreamError();
        }
        if (fxa.errno() == DeviceClient.ERRNO_UNKNOWN_DEVICE) {
            return unknownDevice();
        }
        if (fxa.errno() == DeviceClient.ERRNO_UNAVAILABLE_COMMAND) {
            return cannotReceive();
        }
        Duration retry = fxa.retryAfter().orElse(null);
        return switch (fxa.kind()) {
            case INVALID_TOKEN -> needsReauth();
            case THROTTLED -> new Problem(429, "throttled", "Mozilla asks to wait",
                    "Mozilla has seen too many tabs sent from this account. Try again"
                            + (retry == null ? " later." : " in " + minutes(retry) + "."),
                    retry, null);
            case SERVER_ERROR -> new Problem(503, "upstream-unavailable", "Mozilla's accounts service unavailable",
                    "Mozilla's accounts service is having trouble right now. Try again later.", retry, null);
            default -> upstreamError();
        };
    }

    private static Problem upstreamError() {
        return new Problem(502, "upstream-error", "Mozilla's accounts service error",
                "Mozilla's accounts service refused to deliver the tab. Try again later.");
    }

    static String minutes(Duration d) {
        long s = Math.max(1, d.toSeconds());
        if (s < 120) {
            return s + " seconds";
        }
        long m = (s + 59) / 60;
        return m < 120 ? m + " minutes" : ((m + 59) / 60) + " hours";
    }
}
