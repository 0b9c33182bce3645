package io.fxhome.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;

import io.fxhome.backoff.ServerBackoffs;
import io.fxhome.scheduler.testsupport.TestConfigs;

class SyncSchedulePolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    /** 0.5 is the middle of the jitter range: no jitter at all. */
    private static final DoubleSupplier MIDDLE = () -> 0.5;

    private final SyncSchedulePolicy policy = new SyncSchedulePolicy(TestConfigs.scheduler().policy(), MIDDLE);

    private static AccountActivity usedAgo(Duration ago) {
        return new AccountActivity(UUID.randomUUID(), NOW.minus(Duration.ofDays(400)), NOW.minus(ago), null, null);
    }

    private Duration intervalOf(ScheduleDecision decision) {
        assertThat(decision).isInstanceOf(ScheduleDecision.Enqueue.class);
        var enqueue = (ScheduleDecision.Enqueue) decision;
        // No jitter in the middle; until its run is written, due no earlier than the lost-job timeout (15 min).
        assertThat(enqueue.syncEvery()).isEqualTo(enqueue.interval());
        Duration lostJobAfter = Duration.ofMinutes(15);
        assertThat(enqueue.nextDueAt()).isEqualTo(
                NOW.plus(enqueue.interval().compareTo(lostJobAfter) > 0 ? enqueue.interval() : lostJobAfter));
        return enqueue.interval();
    }

    @Test
    void usedWithinADaySyncsEveryFifteenMinutes() {
        assertThat(intervalOf(policy.decide(usedAgo(Duration.ofMinutes(5)), NOW))).isEqualTo(Duration.ofMinutes(15));
        assertThat(intervalOf(policy.decide(usedAgo(Duration.ofHours(24)), NOW))).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void usedWithinAWeekSyncsHourly() {
        assertThat(intervalOf(policy.decide(usedAgo(Duration.ofHours(24).plusSeconds(1)), NOW))).isEqualTo(Duration.ofHours(1));
        assertThat(intervalOf(policy.decide(usedAgo(Duration.ofDays(7)), NOW))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void usedWithinAMonthSyncsEverySixHours() {
        assertThat(intervalOf(policy.decide(usedAgo(Duration.ofDays(8)), NOW))).isEqualTo(Duration.ofHours(6));
        assertThat(intervalOf(policy.decide(usedAgo(Duration.ofDays(30)), NOW))).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void usedLongerAgoSyncsDaily() {
        assertThat(intervalOf(policy.decide(usedAgo(Duration.ofDays(31)), NOW))).isEqualTo(Duration.ofHours(24));
        assertThat(intervalOf(policy.decide(usedAgo(Duration.ofDays(90)), NOW))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void notUsedForNinetyDaysIsPaused() {
        ScheduleDecision decision = policy.decide(usedAgo(Duration.ofDays(90).plusSeconds(1)), NOW);
        assertThat(decision).isInstanceOf(ScheduleDecision.Pause.class);
        assertThat(((ScheduleDecision.Pause) decision).reason()).isEqualTo("not used for 90 days");
    }

    @Test
    void neverSeenCountsFromTheLink() {
        var justLinked = new AccountActivity(UUID.randomUUID(), NOW.minus(Duration.ofHours(1)), null, null, null);
        assertThat(intervalOf(policy.decide(justLinked, NOW))).isEqualTo(Duration.ofMinutes(15));
        var linkedLongAgoNeverSeen = new AccountActivity(UUID.randomUUID(), NOW.minus(Duration.ofDays(100)), null, null, null);
        assertThat(policy.decide(linkedLongAgoNeverSeen, NOW)).isInstanceOf(ScheduleDecision.Pause.class);
    }

    @Test
    void serverBackoffDefersToJustAfterIt() {
        Instant backoffUntil = NOW.plus(Duration.ofMinutes(40));
        var account = new AccountActivity(UUID.randomUUID(), NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofMinutes(1)),
                backoffUntil, null);
        // Spread after the backoff: up to jitter (10 %) of the 15-minute interval, i.e. 90 s; the middle is 45 s.
        assertThat(policy.decide(account, NOW)).isEqualTo(new ScheduleDecision.Defer(backoffUntil.plusSeconds(45)));
        assertThat(new SyncSchedulePolicy(TestConfigs.scheduler().policy(), () -> 0.0).decide(account, NOW))
                .isEqualTo(new ScheduleDecision.Defer(backoffUntil));
    }

    private static final String NODE_A = "https://sync-1-us-west1-g.sync.services.mozilla.com";

    private static AccountActivity onNode(String apiEndpoint, Instant backoffUntil) {
        return new AccountActivity(UUID.randomUUID(), NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofMinutes(1)),
                backoffUntil, null, apiEndpoint);
    }

    @Test
    void aStorageNodesBackoffDefersItsAccountsSpreadOverFiveMinutesAfterIt() {
        Instant until = NOW.plus(Duration.ofMinutes(10));
        ServerBackoffs servers = new ServerBackoffs(Map.of(NODE_A, until), null);
        var onA = onNode(NODE_A + "/1.5/123456", null);
        // Spread: up to server-backoff-spread (5 min) after it; the middle is 2.5 min.
        assertThat(policy.decide(onA, servers, NOW)).isEqualTo(new ScheduleDecision.Defer(until.plusSeconds(150)));
        assertThat(new SyncSchedulePolicy(TestConfigs.scheduler().policy(), () -> 0.0).decide(onA, servers, NOW))
                .isEqualTo(new ScheduleDecision.Defer(until));
        assertThat(new SyncSchedulePolicy(TestConfigs.scheduler().policy(), () -> 0.999).decide(onA, servers, NOW))
                .isEqualTo(new ScheduleDecision.Defer(until.plusMillis(299_700)));
        // Another node, and an account never synced (node unknown), are not held back by node A.
        assertThat(policy.decide(onNode("https://sync-2-us-west1-g.sync.services.mozilla.com/1.5/9", null), servers, NOW))
                .isInstanceOf(ScheduleDecision.Enqueue.class);
        assertThat(policy.decide(onNode(null, null), servers, NOW)).isInstanceOf(ScheduleDecision.Enqueue.class);
        // Ended: enqueued as usual.
        assertThat(policy.decide(onA, servers, until)).isInstanceOf(ScheduleDecision.Enqueue.class);
    }

    @Test
    void theTokenserversBackoffDefersEveryAccountKnownNodeOrNot() {
        Instant until = NOW.plus(Duration.ofMinutes(3));
        ServerBackoffs servers = new ServerBackoffs(Map.of(), until);
        assertThat(policy.decide(onNode(NODE_A + "/1.5/1", null), servers, NOW))
                .isEqualTo(new ScheduleDecision.Defer(until.plusSeconds(150)));
        assertThat(policy.decide(onNode(null, null), servers, NOW))
                .isEqualTo(new ScheduleDecision.Defer(until.plusSeconds(150)));
    }

    @Test
    void theLaterOfTheAccountsAndTheServersBackoffWins() {
        Instant server = NOW.plus(Duration.ofMinutes(10));
        ServerBackoffs servers = new ServerBackoffs(Map.of(NODE_A, server), null);
        Instant longer = NOW.plus(Duration.ofHours(1));
        assertThat(policy.decide(onNode(NODE_A + "/1.5/1", longer), servers, NOW))
                .isEqualTo(new ScheduleDecision.Defer(longer.plusSeconds(45)));
        Instant shorter = NOW.plus(Duration.ofMinutes(1));
        assertThat(policy.decide(onNode(NODE_A + "/1.5/1", shorter), servers, NOW))
                .isEqualTo(new ScheduleDecision.Defer(server.plusSeconds(150)));
    }

    @Test
    void disuseWinsOverAServersBackoff() {
        var unused = new AccountActivity(UUID.randomUUID(), NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(91)),
                null, null, NODE_A + "/1.5/1");
        assertThat(policy.decide(unused, new ServerBackoffs(Map.of(NODE_A, NOW.plusSeconds(60)), NOW.plusSeconds(60)), NOW))
                .isInstanceOf(ScheduleDecision.Pause.class);
    }

    @Test
    void aPassedBackoffNoLongerMatters() {
        var account = new AccountActivity(UUID.randomUUID(), NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofMinutes(1)),
                NOW.minusSeconds(1), null);
        assertThat(intervalOf(policy.decide(account, NOW))).isEqualTo(Duration.ofMinutes(15));
        var endingNow = new AccountActivity(UUID.randomUUID(), NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofMinutes(1)),
                NOW, null);
        assertThat(policy.decide(endingNow, NOW)).isInstanceOf(ScheduleDecision.Enqueue.class);
    }

    @Test
    void disuseWinsOverBackoff() {
        var account = new AccountActivity(UUID.randomUUID(), NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(120)),
                NOW.plus(Duration.ofHours(1)), null);
        assertThat(policy.decide(account, NOW)).isInstanceOf(ScheduleDecision.Pause.class);
    }

    @Test
    void busyAccountsSyncSooner() {
        var recentAndBusy = new AccountActivity(UUID.randomUUID(), NOW.minus(Duration.ofDays(9)),
                NOW.minus(Duration.ofHours(1)),
                null, NOW.minus(Duration.ofHours(2)));
        assertThat(intervalOf(policy.decide(recentAndBusy, NOW))).isEqualTo(Duration.ofMinutes(5));
        var weeklyAndBusy = new AccountActivity(UUID.randomUUID(), NOW.minus(Duration.ofDays(9)), NOW.minus(Duration.ofDays(3)),
                null, NOW.minus(Duration.ofHours(24)));
        assertThat(intervalOf(policy.decide(weeklyAndBusy, NOW))).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void oldChangesOrClockSkewDoNotCountAsBusy() {
        var changedLongAgo = new AccountActivity(UUID.randomUUID(), NOW.minus(Duration.ofDays(9)),
                NOW.minus(Duration.ofDays(3)),
                null, NOW.minus(Duration.ofHours(25)));
        assertThat(intervalOf(policy.decide(changedLongAgo, NOW))).isEqualTo(Duration.ofHours(1));
        var changedInTheFuture = new AccountActivity(UUID.randomUUID(), NOW.minus(Duration.ofDays(9)),
                NOW.minus(Duration.ofDays(3)),
                null, NOW.plus(Duration.ofHours(1)));
        assertThat(intervalOf(policy.decide(changedInTheFuture, NOW))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void busySpeedupStopsAtTheMinimumIntervalAndNeverSlowsDown() {
        var busy = new AccountActivity(UUID.randomUUID(), NOW.minus(Duration.ofDays(9)), NOW.minus(Duration.ofMinutes(1)),
                null, NOW.minus(Duration.ofMinutes(1)));
        var sixMinutes = new SyncSchedulePolicy(
                TestConfigs.scheduler(Map.of("fxhome.scheduler.policy.recent-interval", "6m")).policy(), MIDDLE);
        assertThat(intervalOf(sixMinutes.decide(busy, NOW))).isEqualTo(Duration.ofMinutes(5));
        var threeMinutes = new SyncSchedulePolicy(
                TestConfigs.scheduler(Map.of("fxhome.scheduler.policy.recent-interval", "3m")).policy(), MIDDLE);
        assertThat(intervalOf(threeMinutes.decide(busy, NOW))).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void jitterMovesTheDueTimeByUpToTenPercentEitherWay() {
        var account = usedAgo(Duration.ofMinutes(1));
        var earliest = (ScheduleDecision.Enqueue) new SyncSchedulePolicy(TestConfigs.scheduler().policy(), () -> 0.0)
                .decide(account, NOW);
        var latest = (ScheduleDecision.Enqueue) new SyncSchedulePolicy(TestConfigs.scheduler().policy(), () -> 0.999999)
                .decide(account, NOW);
        assertThat(earliest.interval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(earliest.syncEvery()).isEqualTo(Duration.ofSeconds(810));
        assertThat(latest.syncEvery()).isBetween(Duration.ofSeconds(989), Duration.ofSeconds(990));
        // Until a run is written: the later of the jittered interval and the lost-job timeout (15 min).
        assertThat(earliest.nextDueAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(latest.nextDueAt()).isEqualTo(NOW.plus(latest.syncEvery()));
    }

    @Test
    void aPublishedAccountIsDueNoEarlierThanTheLostJobTimeout() {
        var account = usedAgo(Duration.ofMinutes(1));
        var tenSeconds = new SyncSchedulePolicy(TestConfigs.scheduler(Map.of("fxhome.scheduler.policy.recent-interval",
                "10s", "fxhome.scheduler.policy.min-interval", "10s", "fxhome.scheduler.policy.lost-job-after", "2m"))
                .policy(), MIDDLE);
        var enqueue = (ScheduleDecision.Enqueue) tenSeconds.decide(account, NOW);
        assertThat(enqueue.syncEvery()).isEqualTo(Duration.ofSeconds(10));
        assertThat(enqueue.nextDueAt()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));

        var noTimeout = new SyncSchedulePolicy(TestConfigs.scheduler(Map.of("fxhome.scheduler.policy.recent-interval",
                "10s", "fxhome.scheduler.policy.min-interval", "10s", "fxhome.scheduler.policy.lost-job-after", "0s"))
                .policy(), MIDDLE);
        assertThat(((ScheduleDecision.Enqueue) noTimeout.decide(account, NOW)).nextDueAt())
                .as("0s: due one interval after publishing, as before").isEqualTo(NOW.plusSeconds(10));
    }

    @Test
    void firstDueTimeOfJustLinkedAccountsSpreadsOverOneInterval() {
        assertThat(new SyncSchedulePolicy(TestConfigs.scheduler().policy(), () -> 0.0).firstDueAt(NOW)).isEqualTo(NOW);
        assertThat(new SyncSchedulePolicy(TestConfigs.scheduler().policy(), () -> 0.5).firstDueAt(NOW))
                .isEqualTo(NOW.plus(Duration.ofSeconds(450)));
        assertThat(new SyncSchedulePolicy(TestConfigs.scheduler().policy(), () -> 0.999999).firstDueAt(NOW))
                .isBefore(NOW.plus(Duration.ofMinutes(15)));
    }

    @Test
    void everyThresholdAndIntervalIsConfigurable() {
        var custom = new SyncSchedulePolicy(TestConfigs.scheduler(Map.of(
                "fxhome.scheduler.policy.recent-use", "2h",
                "fxhome.scheduler.policy.recent-interval", "10m",
                "fxhome.scheduler.policy.weekly-use", "3d",
                "fxhome.scheduler.policy.weekly-interval", "30m",
                "fxhome.scheduler.policy.monthly-use", "10d",
                "fxhome.scheduler.policy.monthly-interval", "2h",
                "fxhome.scheduler.policy.idle-interval", "12h",
                "fxhome.scheduler.policy.pause-after", "20d")).policy(), MIDDLE);
        assertThat(intervalOf(custom.decide(usedAgo(Duration.ofHours(1)), NOW))).isEqualTo(Duration.ofMinutes(10));
        assertThat(intervalOf(custom.decide(usedAgo(Duration.ofHours(3)), NOW))).isEqualTo(Duration.ofMinutes(30));
        assertThat(intervalOf(custom.decide(usedAgo(Duration.ofDays(5)), NOW))).isEqualTo(Duration.ofHours(2));
        assertThat(intervalOf(custom.decide(usedAgo(Duration.ofDays(15)), NOW))).isEqualTo(Duration.ofHours(12));
        assertThat(custom.decide(usedAgo(Duration.ofDays(21)), NOW)).isInstanceOf(ScheduleDecision.Pause.class);
    }

    @Test
    void nonsensicalSettingsAreRefused() {
        assertThatThrownBy(() -> new SyncSchedulePolicy(
                TestConfigs.scheduler(Map.of("fxhome.scheduler.policy.jitter", "1")).policy(), MIDDLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
        assertThatThrownBy(() -> new SyncSchedulePolicy(
                TestConfigs.scheduler(Map.of("fxhome.scheduler.policy.busy-speedup", "0")).policy(), MIDDLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("busy-speedup");
    }
}
