package io.fxhome.worker.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.account.testing.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;

/** One sync per account at a time, and no lease outlives its holder. */
@QuarkusTest
class AccountLeaseTest {
    private static final String ACCOUNT = "select id from account where id = ?";

    @Inject
    AgroalDataSource ds;

    @Test
    void aLeaseIsHeldByOneSyncAtATimeAndFreedOnClose() throws Exception {
        UUID account = UUID.randomUUID();
        Optional<AccountLease> first = AccountLease.tryTake(ds, account);
        assertThat(first).isPresent();
        try (AccountLease held = first.get()) {
            assertThat(AccountLease.tryTake(ds, account)).isEmpty();
            // Another account's lease is another lock.
            try (AccountLease other = AccountLease.tryTake(ds, UUID.randomUUID()).orElseThrow()) {
                assertThat(other).isNotNull();
            }
        }
        try (AccountLease again = AccountLease.tryTake(ds, account).orElseThrow()) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void theLeaseIsAnAdvisoryLockHeldWhileTheSyncRuns() throws Exception {
        UUID account = UUID.randomUUID();
        try (AccountLease lease = AccountLease.tryTake(ds, account).orElseThrow()) {
            assertThat(advisoryLocks(account)).isEqualTo(1);
        }
        assertThat(advisoryLocks(account)).isZero();
    }

    @Test
    void theReadSentWithTheLockSeesWhatThePreviousHolderCommittedAndIsDroppedWhenNotTaken() throws Exception {
        UUID account = UUID.randomUUID();
        String read = "select ?::uuid, (select count(*) from pg_locks where locktype = 'advisory' and granted"
                + " and pid = pg_backend_pid())";
        AccountLease.Taken<long[]> first = AccountLease.tryTake(ds, account, read, rows -> {
            rows.next();
            assertThat(rows.getObject(1)).isEqualTo(account);
            return new long[] { rows.getLong(2) };
        }).orElseThrow();
        try (AccountLease held = first.lease()) {
            // Run after the lock, in the same exchange: the lock is already this session's when the read runs.
            assertThat(first.read()[0]).isEqualTo(1);
            assertThat(advisoryLocks(account)).isEqualTo(1);
            assertThat(AccountLease.tryTake(ds, account, read, rows -> {
                throw new AssertionError("a read under a lease not taken is never handed on");
            })).isEmpty();
            assertThat(advisoryLocks(account)).isEqualTo(1);
            // What the holder commits on another connection before releasing is what the next holder reads.
            try (Connection c = ds.getConnection(); var st = c.createStatement()) {
                st.execute("create table if not exists lease_commit_probe (account_id uuid primary key)");
                st.execute("insert into lease_commit_probe values ('" + account + "')");
            }
        }
        AccountLease.Taken<Boolean> second = AccountLease.tryTake(ds, account,
                "select exists (select 1 from lease_commit_probe where account_id = ?)", rows -> {
                    rows.next();
                    return rows.getBoolean(1);
                }).orElseThrow();
        try (AccountLease held = second.lease()) {
            assertThat(second.read()).isTrue();
        }
        assertThat(advisoryLocks(account)).isZero();
    }

    @Test
    void aReadThatFailsReleasesTheLease() throws Exception {
        UUID account = UUID.randomUUID();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AccountLease.tryTake(ds, account,
                "select * from no_such_table_for_the_lease where id = ?", rows -> rows.next()))
                .isInstanceOf(java.sql.SQLException.class);
        assertThat(advisoryLocks(account)).isZero();
        try (AccountLease again = AccountLease.tryTake(ds, account).orElseThrow()) {
            assertThat(advisoryLocks(account)).isEqualTo(1);
        }
    }

    @Test
    void aRequestThatFindsTheLeaseHeldLeavesWordThatTheHolderReadsWhenItReleases() throws Exception {
        UUID account = new TestAccounts(ds).create();
        try (AccountLease holder = AccountLease.tryTake(ds, account).orElseThrow()) {
            assertThat(AccountLease.askTheHolderToSyncAgain(ds, account, ACCOUNT, rows -> rows.next())).isEmpty();
            assertThat(syncAgain(account)).isTrue();
            assertThat(advisoryLocks(account)).isEqualTo(1);

            assertThat(holder.releaseAndCheckSyncAgain()).as("the holder reads the word as it releases").isTrue();
            assertThat(advisoryLocks(account)).isZero();
        } // close(): released already, nothing more
          // The holder takes the lease again to answer it, and clears the word before syncing.
        try (AccountLease again = AccountLease.tryTake(ds, account).orElseThrow()) {
            again.clearSyncAgain();
            assertThat(syncAgain(account)).isFalse();
            assertThat(again.releaseAndCheckSyncAgain()).as("no request since").isFalse();
        }
        assertThat(advisoryLocks(account)).isZero();
    }

    @Test
    void aRequestThatFindsTheLeaseFreedMeanwhileTakesItAndClearsTheWord() throws Exception {
        UUID account = new TestAccounts(ds).create();
        AccountLease.Taken<Boolean> taken = AccountLease.askTheHolderToSyncAgain(ds, account, ACCOUNT, rows -> rows.next())
                .orElseThrow();
        try (AccountLease lease = taken.lease()) {
            assertThat(taken.read()).isTrue();
            assertThat(advisoryLocks(account)).isEqualTo(1);
            assertThat(syncAgain(account)).as("this caller's own sync answers the request").isFalse();
        }
        assertThat(advisoryLocks(account)).isZero();
    }

    @Test
    void aRequestForAnAccountThatIsGoneTakesNothing() throws Exception {
        UUID account = UUID.randomUUID();
        assertThat(AccountLease.askTheHolderToSyncAgain(ds, account, ACCOUNT, rows -> rows.next())).isEmpty();
        assertThat(advisoryLocks(account)).isZero();
    }

    /** Whether the account has word for its lease's holder to sync once more. */
    private boolean syncAgain(UUID account) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select sync_again from account where id = ?")) {
            ps.setObject(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Advisory locks on the account's key, in any session (a bigint key is shown as its two 32-bit halves). */
    private long advisoryLocks(UUID account) throws Exception {
        long key = AccountLease.key(account);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select count(*) from pg_locks
                 where locktype = 'advisory' and classid::bigint = ? and objid::bigint = ? and objsubid = 1
                   and granted""")) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xFFFF_FFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
