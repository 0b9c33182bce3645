package io.fxhome.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fxhome.job.SyncReason;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A whole sync through the worker, off the queue: the account the scheduler stamped ahead (its lost-job timeout) is
 * due one sync_every after the run finished, for a scheduled job and for an interactive one (docs/scheduler.md, "Due
 * times: one scheduled job per account").
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class NextDueAfterSyncTest extends SandboxSyncTestBase {
    @Test
    void aSyncMakesTheAccountDueOneSyncEveryAfterItsRunFinished() throws Exception {
        String email = "next-due-" + UUID.randomUUID() + "@example.test";
        sandbox().createAccount(NewAccount.of(email, "pw-next-due").withProfile(ProfileSpec.small(nextSeed())));
        UUID account = LinkedAccounts.link(ds, cipher, email, "pw-next-due");
        // What the scheduler's publishing stamps: the interval it chose, and a due time at the lost-job timeout.
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update account set sync_every = interval '10 minutes 3 seconds',
                                   next_sync_at = now() + interval '15 minutes' where id = ?""")) {
            ps.setObject(1, account);
            ps.executeUpdate();
        }

        syncAndAwait(account, SyncReason.SCHEDULED, 1);
        assertThat(rows("""
                select r.outcome, a.next_sync_at = r.finished_at + interval '10 minutes 3 seconds'
                  from account a join sync_run r on r.account_id = a.id where a.id = ?""", account))
                .containsExactly("done|t");

        syncAndAwait(account, SyncReason.INTERACTIVE, 2);
        assertThat(rows("""
                select a.next_sync_at = max(r.finished_at) + interval '10 minutes 3 seconds'
                  from account a join sync_run r on r.account_id = a.id where a.id = ? group by a.next_sync_at""",
                account)).as("an interactive job's run too").containsExactly("t");
    }
}
