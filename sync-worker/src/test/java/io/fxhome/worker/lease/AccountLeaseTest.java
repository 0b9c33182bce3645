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
import io.quarkus.test.junit.QuarkusTest;

/** One sync per account at a time, and no lease outlives its holder. */
@QuarkusTest
class AccountLeaseTest {
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
