package io.fxhome.scheduler.policy;

import java.time.Duration;
import java.time.Instant;

/** What the scheduler does with one due account. */
public sealed interface ScheduleDecision {
    /**
     * Enqueue a job now. {@code syncEvery} is {@code interval} with its jitter: the worker's run write makes the account
     * due that long after the sync ends. Until a run is written the account is due at {@code nextDueAt}, the later of
     * {@code syncEvery} and the lost-job timeout from now, so a job still waiting in the queue is not published again.
     */
    record Enqueue(Duration interval, Duration syncEvery, Instant nextDueAt) implements ScheduleDecision {
    }

    /** The servers asked us to back off: no job; due again at {@code nextDueAt}, just after the backoff. */
    record Defer(Instant nextDueAt) implements ScheduleDecision {
    }

    /** Not used for too long: no job; the account becomes {@code paused} until the user comes back. */
    record Pause(String reason) implements ScheduleDecision {
    }
}
