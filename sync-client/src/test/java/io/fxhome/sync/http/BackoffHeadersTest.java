package io.fxhome.sync.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fxhome.clock.testing.MutableClock;

/** Back-off header values: seconds (fractions rounded up), HTTP dates, and nonsense ignored. */
class BackoffHeadersTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void parsesSecondsAndDates() {
        assertThat(BackoffHeaders.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(BackoffHeaders.parse(" 1.2 ", NOW)).contains(Duration.ofSeconds(2));
        assertThat(BackoffHeaders.parse("Mon, 30 Nov 2026 10:05:00 GMT", NOW)).contains(Duration.ofMinutes(5));
        assertThat(BackoffHeaders.parse("Mon, 30 Nov 2026 09:05:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(BackoffHeaders.parse("soon", NOW)).isEmpty();
        assertThat(BackoffHeaders.parse("-5", NOW)).isEmpty();
        assertThat(BackoffHeaders.parse("NaN", NOW)).isEmpty();
    }

    @Test
    void takesTheLongestOfAllSignals() {
        HttpHeaders h = HttpHeaders.of(Map.of("X-Weave-Backoff", List.of("300"), "Retry-After", List.of("60")),
                (a, b) -> true);
        assertThat(BackoffHeaders.requested(h, NOW)).contains(Duration.ofSeconds(300));
        assertThat(BackoffHeaders.requested(HttpHeaders.of(Map.of(), (a, b) -> true), NOW)).isEmpty();
    }

    @Test
    void theTrackerKeepsTheLatestAndSeparatesHardBackoff() {
        MutableClock clock = new MutableClock(NOW);
        BackoffTracker t = new BackoffTracker(clock);
        t.backOff(Duration.ofSeconds(600), false);
        t.backOff(Duration.ofSeconds(60), true);
        assertThat(t.backoffUntil()).contains(NOW.plusSeconds(600));
        assertThat(t.hardBackoffUntil()).contains(NOW.plusSeconds(60));
        clock.advance(Duration.ofSeconds(61));
        assertThat(t.hardBackoffUntil()).isEmpty();
        clock.advance(Duration.ofSeconds(600));
        assertThat(t.backoffUntil()).isEmpty();
    }
}
