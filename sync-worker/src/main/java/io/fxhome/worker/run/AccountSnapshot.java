package io.fxhome.worker.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import io.fxhome.model.account.AccountStatus;
import io.fxhome.secrets.SealedAccountSecrets;
import io.fxhome.worker.sendtab.SendTabDevice;
import io.fxhome.worker.state.AccountSyncState;

/**
 * Everything a sync reads about its account before its first request: status and backoff, the sealed secrets, what
 * it knows of the account's storage, and its Send Tab device. One statement, sent with the lease's lock in the same
 * network exchange and run after it (AccountLease, so it sees all the previous holder committed, a rotated refresh
 * token above all): a sync that finds nothing new makes no other read (docs/benchmarks.md, "A fleet under load": it
 * used three transactions, then one more round trip, and a transaction of its own for the Send Tab device).
 *
 * @param secrets null when the account has no stored secrets (an error for an account that is to sync)
 * @param sendTabDevice the account's fxhome device at Mozilla, when registered
 */
record AccountSnapshot(AccountRow account, AccountRow.StoredSecrets secrets, AccountSyncState state,
        Optional<SendTabDevice> sendTabDevice) {

    /** The read, its one parameter the account id. */
    static final String QUERY = """
            select a.status, a.backoff_until,
                   k.account_id is not null, k.master_key_version, k.wrapped_data_key, k.refresh_token,
                   k.sync_key_bundle, k.key_id, k.oauth_client_id,
                   s.account_id is not null, s.api_endpoint, s.storage_uid, s.global_sync_id, s.storage_version,
                   s.store_last_modified, s.crypto_modified, s.keys_fingerprint,
                   """ + SendTabDevice.COLUMNS + """

             from account a
             left join account_secret k on k.account_id = a.id
             left join sync_state s on s.account_id = a.id
             left join send_tab_device d on d.account_id = a.id
            where a.id = ?""";

    /** The account from {@link #QUERY}'s rows: empty when there is no such account. */
    static Optional<AccountSnapshot> of(ResultSet rs, UUID id) throws SQLException {
        if (!rs.next()) {
            return Optional.empty();
        }
        Timestamp backoff = rs.getTimestamp(2);
        AccountRow account = new AccountRow(id, AccountStatus.fromDb(rs.getString(1)),
                backoff == null ? null : backoff.toInstant());
        AccountRow.StoredSecrets secrets = !rs.getBoolean(3) ? null
                : new AccountRow.StoredSecrets(new SealedAccountSecrets(rs.getInt(4), rs.getBytes(5), rs.getBytes(6),
                        rs.getBytes(7), rs.getBytes(8)), rs.getString(9));
        AccountSyncState state = !rs.getBoolean(10) ? AccountSyncState.EMPTY
                : new AccountSyncState(rs.getString(11), rs.getString(12), rs.getString(13),
                        (Integer) rs.getObject(14), rs.getString(15), rs.getString(16), rs.getString(17));
        return Optional.of(new AccountSnapshot(account, secrets, state, SendTabDevice.fromRow(rs, 18)));
    }
}
