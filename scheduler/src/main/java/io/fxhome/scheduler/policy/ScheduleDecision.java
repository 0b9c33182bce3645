package io.fxhome.scheduler.policy;

import java.time.Duration;
import java.time.Instant;

/** What the scheduler does with one due account. */
public sealed interface ScheduleDecision {
    /** Enqueue a job now; the account is due again at {@code nextDueAt} ({@code interval} plus jitter from now). */
    record Enqueue(Duration interval, Instant nextDueAt) implements ScheduleDecision {
    }

    /** The servers asked us to back off: no job; due again at {@code nextDueAt}, just after the backoff. */
    record Defer(Instant nextDueAt) implements ScheduleDecision {
    }

    /** Not used for too long: no job; the account becomes {@code paused} until the user comes back. */
    record Pause(String reason) implements ScheduleDecision {
    }
}
