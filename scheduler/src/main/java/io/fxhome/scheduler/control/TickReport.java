package io.fxhome.scheduler.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one tick of one instance did.
 *
 * @param instance which scheduler instance ran it
 * @param startedAt tick start (accounts due by then were considered)
 * @param finishedAt tick end
 * @param published jobs published (and confirmed)
 * @param deferred accounts under server backoff, moved to just after it
 * @param paused accounts paused for disuse
 * @param firstScheduled just-linked accounts given their first due time
 * @param skippedBecausePaused true if scheduling is paused for all accounts and nothing was done
 * @param error why the tick stopped early (its unstamped accounts stay due for the next tick), if it did
 */
public record TickReport(String instance, Instant startedAt, Instant finishedAt, int published, int deferred, int paused,
        int firstScheduled, boolean skippedBecausePaused, Optional<String> error) {

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }
}
