package io.fxhome.scheduler.status;

import java.time.Instant;
import java.util.Optional;

import io.fxhome.scheduler.control.ControlState;

/**
 * What {@code GET /api/scheduler/status} answers.
 *
 * @param instance the instance that answers
 * @param paused scheduling paused for all accounts
 * @param accounts accounts by state and the backlog (cached for {@code fxhome.scheduler.status-cache})
 * @param lastTick the fleet's last tick, whichever instance ran it
 * @param tickRunningHere this instance is running a tick right now
 * @param brokerConnected this instance's publisher is connected
 * @param scheduledQueueDepth jobs waiting on the scheduled lane (-1 if the broker cannot be asked)
 * @param interactiveQueueDepth jobs waiting on the interactive lane (-1 if the broker cannot be asked)
 */
public record SchedulerStatus(String instance, boolean paused, Optional<Instant> pausedAt, AccountCounts accounts,
        Optional<ControlState.LastTick> lastTick, boolean tickRunningHere, boolean brokerConnected, long scheduledQueueDepth,
        long interactiveQueueDepth) {
}
