package io.fxhome.sync.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembers until when servers asked us to stay away. "Soft" back-off (X-Weave-Backoff or Retry-After on a
 * successful answer) is only reported; "hard" back-off (503/429) also makes further requests fail fast until it ends.
 * Keeps the latest of all requested times. Thread-safe.
 */
public final class BackoffTracker {
    private final Clock clock;
    private Instant softUntil;
    private Instant hardUntil;

    public BackoffTracker(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records a back-off of {@code duration} from now. @return when the back-off of that kind now ends (the latest
     * requested), so that the error reported and {@link #backoffUntil()} name the same instant
     */
    public synchronized Instant backOff(Duration duration, boolean hard) {
        Instant until = clock.instant().plus(duration);
        if (softUntil == null || until.isAfter(softUntil)) {
            softUntil = until;
        }
        if (hard && (hardUntil == null || until.isAfter(hardUntil))) {
            hardUntil = until;
        }
        return hard ? hardUntil : softUntil;
    }

    /** The latest back-off end still in the future, if any. */
    public synchronized Optional<Instant> backoffUntil() {
        Instant now = clock.instant();
        return softUntil != null && softUntil.isAfter(now) ? Optional.of(softUntil) : Optional.empty();
    }

    /** The end of a hard back-off still in force, if any. */
    public synchronized Optional<Instant> hardBackoffUntil() {
        Instant now = clock.instant();
        return hardUntil != null && hardUntil.isAfter(now) ? Optional.of(hardUntil) : Optional.empty();
    }

    /** A back-off in force: until when, and whether a server refused a request (503/429) rather than only asked. */
    public record Backoff(Instant until, boolean hard) {
    }

    /** The back-off in force, if any: the latest end, hard while a refusal's back-off runs. */
    public synchronized Optional<Backoff> current() {
        Instant now = clock.instant();
        if (softUntil == null || !softUntil.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new Backoff(softUntil, hardUntil != null && hardUntil.isAfter(now)));
    }

    public Instant now() {
        return clock.instant();
    }
}
