package io.fxhome.secrets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Re-wraps every account's data key under the current master key, online: small transactions that each lock a batch
 * of rows still under an older key ({@code FOR UPDATE SKIP LOCKED}, so a row another transaction is writing is left
 * for a later pass instead of waited for), unwrap the data key with the old master key and wrap it with the current
 * one. Only {@code wrapped_data_key} and {@code master_key_version} change; the field ciphertexts stay as they are, so
 * a process given both keys reads every row correctly before, during and after. Idempotent.
 */
public final class MasterKeyRewrap {
    private static final System.Logger LOG = System.getLogger(MasterKeyRewrap.class.getName());

    private final MasterKeyRing ring;
    private final AccountSecretsCipher cipher;
    private final int batchSize;

    /** What a run did. {@code remaining}: rows still under an older key (locked by other writers during the run). */
    public record Result(int rewrapped, int batches, int remaining) {
    }

    public MasterKeyRewrap(MasterKeyRing ring, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be positive");
        }
        this.ring = ring;
        this.cipher = new AccountSecretsCipher(ring);
        this.batchSize = batchSize;
    }

    /** Rows per master key version, current one included. */
    public static TreeMap<Integer, Long> countByVersion(Connection c) throws SQLException {
        TreeMap<Integer, Long> counts = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select master_key_version, count(*) from account_secret group by master_key_version");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getInt(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /**
     * Refuses to start when some rows are under a key this process was not given: they could not be re-wrapped, and
     * the operator most likely forgot the old key in FXHOME_MASTER_KEY.
     */
    public void checkKeys(Connection c) throws SQLException {
        List<Integer> unknown = countByVersion(c).keySet().stream().filter(v -> ring.byVersion(v).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new MasterKeyException("the database holds secrets wrapped by master key version(s) " + unknown
                    + " but this process was given " + ring.versions()
                    + "; list the new key first and every old key after it");
        }
    }

    /**
     * Re-wraps until no unlocked row under an older key is left, retrying locked rows for a few passes.
     *
     * @param connection a connection of its own (its auto-commit is switched off; each batch is one transaction)
     */
    public Result run(Connection connection, int passes, long pauseMillis) throws SQLException {
        checkKeys(connection);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        int current = ring.current().version();
        int rewrapped = 0;
        int batches = 0;
        long remaining = 0;
        try {
            for (int pass = 0; pass < passes; pass++) {
                int n;
                while ((n = batch(connection, current)) > 0) {
                    rewrapped += n;
                    batches++;
                }
                remaining = remaining(connection, current);
                if (remaining == 0) {
                    break;
                }
                LOG.log(System.Logger.Level.INFO, "{0} account secret(s) locked by other transactions; retrying",
                        remaining);
                sleep(pauseMillis);
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return new Result(rewrapped, batches, (int) remaining);
    }

    private int batch(Connection c, int current) throws SQLException {
        record Row(UUID accountId, SealedAccountSecrets sealed) {
        }
        List<Row> rows = new ArrayList<>(batchSize);
        try {
            try (PreparedStatement ps = c.prepareStatement("""
                    select account_id, master_key_version, wrapped_data_key, refresh_token, sync_key_bundle, key_id
                      from account_secret
                     where master_key_version <> ?
                     order by account_id
                     limit ?
                       for update skip locked""")) {
                ps.setInt(1, current);
                ps.setInt(2, batchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getObject(1, UUID.class), new SealedAccountSecrets(rs.getInt(2),
                                rs.getBytes(3), rs.getBytes(4), rs.getBytes(5), rs.getBytes(6))));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    update account_secret set master_key_version = ?, wrapped_data_key = ?, updated_at = now()
                     where account_id = ?""")) {
                for (Row row : rows) {
                    SealedAccountSecrets rewrapped = cipher.rewrap(row.accountId(), row.sealed());
                    ps.setInt(1, rewrapped.masterKeyVersion());
                    ps.setBytes(2, rewrapped.wrappedDataKey());
                    ps.setObject(3, row.accountId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            return rows.size();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    private static long remaining(Connection c, int current) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*) from account_secret where master_key_version <> ?")) {
            ps.setInt(1, current);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                c.commit();
                return n;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
