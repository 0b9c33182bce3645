package io.fxhome.worker.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncReason;
import io.fxhome.job.SyncTopology;
import io.fxhome.model.account.AccountStatus;
import io.fxhome.sync.error.SyncStatus;
import io.fxhome.sync.storage.MetaGlobal;
import io.fxhome.sync.storage.ServerTimestamp;
import io.fxhome.sync.token.StorageNode;
import io.fxhome.worker.state.AccountSyncState;
import io.fxhome.worker.state.CollectionState;

/** The sync's decisions, from values alone: no database, no HTTP, no clock. */
class SyncPlanTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final UUID ACCOUNT = UUID.fromString("0b7e3c8a-5d1e-4f6a-9c2b-7a1d3e5f7b9c");
    private static final StorageNode NODE = new StorageNode(URI.create("https://node1.example/1.5/42"), 42);
    private static final AccountSyncState STORED = new AccountSyncState("https://node1.example/1.5/42", "42", "global1",
            5, "1700000000.00", "1690000000.00", "sha256:keys1");

    @Test
    void onlyAnActiveAccountPastItsBackoffIsSynced() {
        assertThat(SyncPlan.holdBack(account(AccountStatus.ACTIVE, null), NOW)).isEmpty();
        assertThat(SyncPlan.holdBack(account(AccountStatus.ACTIVE, NOW.minusSeconds(1)), NOW)).isEmpty();
        assertThat(SyncPlan.holdBack(account(AccountStatus.ACTIVE, NOW.plusSeconds(60)), NOW))
                .contains(SyncOutcome.backedOff("server backoff until 2026-06-01T12:01:00Z"));
        assertThat(SyncPlan.holdBack(account(AccountStatus.NEEDS_REAUTH, null), NOW))
                .contains(SyncOutcome.skipped("account is needs_reauth"));
        // Not active wins over a backoff: the account's status is what the operator needs to see.
        assertThat(SyncPlan.holdBack(account(AccountStatus.PAUSED, NOW.plusSeconds(60)), NOW))
                .contains(SyncOutcome.skipped("account is paused"));
        assertThat(SyncPlan.holdBack(account(AccountStatus.DELETED, null), NOW))
                .contains(SyncOutcome.skipped("account is deleted"));
    }

    @Test
    void theStoredStateHoldsOnlyOnItsOwnNode() {
        assertThat(SyncPlan.sameNode(STORED, NODE)).isTrue();
        StorageNode moved = new StorageNode(URI.create("https://node2.example/1.5/42"), 42);
        assertThat(SyncPlan.sameNode(STORED, moved)).isFalse();
        assertThat(SyncPlan.sameNode(STORED, new StorageNode(NODE.apiEndpoint(), 43))).isFalse();
        assertThat(SyncPlan.sameNode(AccountSyncState.EMPTY, NODE)).isFalse();
    }

    @Test
    void everythingIsDownloadedAgainOnAnotherNodeAfterAWipeOrWithOtherKeys() {
        assertThat(SyncPlan.downloadAllAgain(STORED, true, "global1", "sha256:keys1")).isFalse();
        assertThat(SyncPlan.downloadAllAgain(STORED, false, "global1", "sha256:keys1")).isTrue();
        assertThat(SyncPlan.downloadAllAgain(STORED, true, "global2", "sha256:keys1")).isTrue();
        assertThat(SyncPlan.downloadAllAgain(STORED, true, "global1", "sha256:keys2")).isTrue();
        // A first sync: nothing stored.
        assertThat(SyncPlan.downloadAllAgain(AccountSyncState.EMPTY, false, "global1", "sha256:keys1")).isTrue();
    }

    @Test
    void aCollectionResumesFromItsMarkUnlessItsEngineWasReset() {
        CollectionState current = new CollectionState("history", "1700000000.00", "engine1", 1, "sha256:keys1");
        MetaGlobal.EngineInfo engine = new MetaGlobal.EngineInfo(1, "engine1");
        assertThat(SyncPlan.downloadFrom(false, current, engine)).isEqualTo(ServerTimestamp.parse("1700000000.00"));
        // meta/global does not list the engine: the mark still holds.
        assertThat(SyncPlan.downloadFrom(false, current, null)).isEqualTo(ServerTimestamp.parse("1700000000.00"));
        assertThat(SyncPlan.downloadFrom(true, current, engine)).isNull();
        assertThat(SyncPlan.downloadFrom(false, CollectionState.empty("history"), engine)).isNull();
        assertThat(SyncPlan.downloadFrom(false, current, new MetaGlobal.EngineInfo(1, "engine2"))).isNull();
        assertThat(SyncPlan.downloadFrom(false, current, new MetaGlobal.EngineInfo(2, "engine1"))).isNull();
    }

    @Test
    void aCollectionIsDownloadedWhenItChangedAfterItsMark() {
        ServerTimestamp mark = ServerTimestamp.parse("1700000000.00");
        assertThat(SyncPlan.changedSince(mark, Optional.of(ServerTimestamp.parse("1700000000.01")))).isTrue();
        assertThat(SyncPlan.changedSince(mark, Optional.of(mark))).isFalse();
        assertThat(SyncPlan.changedSince(mark, Optional.of(ServerTimestamp.parse("1690000000.00")))).isFalse();
        // info/collections does not list it, or a full download: always.
        assertThat(SyncPlan.changedSince(mark, Optional.empty())).isTrue();
        assertThat(SyncPlan.changedSince(null, Optional.of(mark))).isTrue();
    }

    @Test
    void eachClientStatusHasItsConsequence() {
        Instant until = NOW.plusSeconds(600);
        assertThat(SyncPlan.afterFailure(failure(SyncStatus.AUTH, null, false)))
                .isEqualTo(new SyncPlan.NeedsReauth("refused"));
        assertThat(SyncPlan.afterFailure(failure(SyncStatus.BACKED_OFF, until, false)))
                .isEqualTo(new SyncPlan.BackOff(until, "refused"));
        // Backed off without a time (FxA's throttling): retried on the retry tiers' delays.
        assertThat(SyncPlan.afterFailure(failure(SyncStatus.BACKED_OFF, null, false)))
                .isEqualTo(new SyncPlan.Retry("BACKED_OFF: refused"));
        for (SyncStatus status : EnumSet.of(SyncStatus.NETWORK, SyncStatus.SERVICE, SyncStatus.OTHER, SyncStatus.OK)) {
            assertThat(SyncPlan.afterFailure(failure(status, null, false)))
                    .isEqualTo(new SyncPlan.Retry(status + ": refused"));
        }
        // A second node reassignment in one job (the first starts over) is retried like any other failure.
        assertThat(SyncPlan.afterFailure(failure(SyncStatus.OTHER, null, true)))
                .isEqualTo(new SyncPlan.Retry("OTHER: refused"));
    }

    @Test
    void onlyANodeReassignmentStartsOver() {
        assertThat(SyncPlan.startsOver(failure(SyncStatus.OTHER, null, true))).isTrue();
        for (SyncStatus status : SyncStatus.values()) {
            assertThat(SyncPlan.startsOver(failure(status, NOW, false))).as("%s", status).isFalse();
        }
    }

    @Test
    void aJobIsAcknowledgedRetriedOnGrowingDelaysThenDeadLettered() {
        SyncTopology topology = SyncTopology.of("fxhome.test.plan",
                List.of(Duration.ofSeconds(30), Duration.ofMinutes(2)));
        SyncJob first = SyncJob.of(ACCOUNT, SyncReason.SCHEDULED, NOW);
        for (SyncOutcome done : List.of(SyncOutcome.done(), SyncOutcome.skipped("paused"), SyncOutcome.duplicate(),
                SyncOutcome.needsReauth("revoked"), SyncOutcome.backedOff("503"))) {
            assertThat(SyncPlan.settle(done, first, topology, 4)).as("%s", done.kind()).isEqualTo(new SyncPlan.Ack());
        }
        SyncOutcome failed = SyncOutcome.retry("SERVICE: 500");
        SyncJob second = first.nextAttempt();
        assertThat(SyncPlan.settle(failed, first, topology, 4))
                .isEqualTo(new SyncPlan.RetryLater(second, topology.retryTierFor(1)));
        SyncJob third = second.nextAttempt();
        assertThat(SyncPlan.settle(failed, second, topology, 4))
                .isEqualTo(new SyncPlan.RetryLater(third, topology.retryTierFor(2)));
        // Past the last tier, its delay again.
        assertThat(SyncPlan.settle(failed, third, topology, 4))
                .isEqualTo(new SyncPlan.RetryLater(third.nextAttempt(), topology.retryTierFor(2)));
        // The attempt that reaches max-attempts is not published to wait: it is dead-lettered.
        assertThat(SyncPlan.settle(failed, third.nextAttempt(), topology, 4))
                .isEqualTo(new SyncPlan.DeadLetter(third.nextAttempt().nextAttempt()));
    }

    private static AccountRow account(AccountStatus status, Instant backoffUntil) {
        return new AccountRow(ACCOUNT, status, backoffUntil);
    }

    private static ClientFailure failure(SyncStatus status, Instant backoffUntil, boolean nodeReassigned) {
        return new ClientFailure(status, "refused", Optional.ofNullable(backoffUntil), nodeReassigned);
    }
}
