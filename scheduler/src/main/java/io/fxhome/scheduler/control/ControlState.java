package io.fxhome.scheduler.control;

import java.time.Instant;
import java.util.Optional;

/**
 * The fleet-wide scheduler state kept in {@code scheduler_control}.
 *
 * @param paused scheduling paused for all accounts
 * @param pausedAt since when
 * @param lastTick the last finished tick, whichever instance ran it
 */
public record ControlState(boolean paused, Optional<Instant> pausedAt, Optional<LastTick> lastTick) {

    public record LastTick(String instance, Instant startedAt, Instant finishedAt, int published, int deferred, int paused,
            Optional<String> error) {
    }
}
