package io.fxhome.scheduler.tick;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import io.fxhome.scheduler.policy.AccountActivity;

/** The scheduler's SQL on {@code account}, on the caller's connection and transaction. */
final class DueAccounts {
    private DueAccounts() {
    }

    /**
     * Locks up to {@code limit} due accounts, oldest due first, skipping rows another transaction holds: concurrent
     * batches (threads of one tick, or two instances whose ticks overlap) take disjoint sets. Uses account_due_idx.
     * Each comes with the storage endpoint of its last sync, whose node may be backed off. {@code for no key update}
     * (all the batch's updates need) rather than {@code for update}: a worker's run row for one of these accounts
     * checks its foreign key with {@code for key share}, which this lock does not block while the batch publishes.
     */
    static List<AccountActivity> lockDue(Connection connection, Instant now, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select id, created_at, last_seen_at, backoff_until, data_changed_at,
                       (select s.api_endpoint from sync_state s where s.account_id = account.id)
                  from account
                 where status = 'active' and not schedule_paused and next_sync_at <= ?
                 order by next_sync_at
                 limit ?
                   for no key update skip locked""")) {
            select.setObject(1, at(now));
            select.setInt(2, limit);
            List<AccountActivity> due = new ArrayList<>(limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(new AccountActivity(rows.getObject(1, UUID.class), instant(rows, 2), instant(rows, 3),
                            instant(rows, 4), instant(rows, 5), rows.getString(6)));
                }
            }
            return due;
        }
    }

    /** Locks up to {@code limit} active accounts that have no due time yet (just linked). */
    static List<UUID> lockUnscheduled(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select id from account
                 where status = 'active' and next_sync_at is null
                 limit ?
                   for update skip locked""")) {
            select.setInt(1, limit);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    /** Sets each account's next due time, in one statement; sync_every is left as it is. */
    static void stamp(Connection connection, List<UUID> ids, List<Instant> nextDueAt) throws SQLException {
        stamp(connection, ids, nextDueAt, Collections.nCopies(ids.size(), null));
    }

    /**
     * Sets each account's next due time and, where {@code syncEvery} has one (a published job), the interval the worker
     * makes it due after its run ends; in one statement.
     */
    static void stamp(Connection connection, List<UUID> ids, List<Instant> nextDueAt, List<Duration> syncEvery)
            throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        Long[] millis = new Long[nextDueAt.size()];
        Long[] everyMillis = new Long[millis.length];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = nextDueAt.get(i).toEpochMilli();
            everyMillis[i] = syncEvery.get(i) == null ? null : syncEvery.get(i).toMillis();
        }
        // Epoch milliseconds rather than timestamps: no time zone can creep into the array encoding.
        try (PreparedStatement update = connection.prepareStatement("""
                update account a
                   set next_sync_at = to_timestamp(v.due_ms / 1000.0),
                       sync_every = coalesce(v.every_ms * interval '1 millisecond', a.sync_every)
                  from unnest(?::uuid[], ?::bigint[], ?::bigint[]) as v(id, due_ms, every_ms)
                 where a.id = v.id""")) {
            Array idArray = connection.createArrayOf("uuid", ids.toArray());
            update.setArray(1, idArray);
            update.setArray(2, connection.createArrayOf("bigint", millis));
            update.setArray(3, connection.createArrayOf("bigint", everyMillis));
            update.executeUpdate();
        }
    }

    /** Pauses accounts for disuse: they leave the due index until the user comes back. */
    static void pause(Connection connection, List<UUID> ids, List<String> reasons) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("""
                update account a
                   set status = 'paused', status_reason = v.reason, sync_every = null
                  from unnest(?::uuid[], ?::text[]) as v(id, reason)
                 where a.id = v.id and a.status = 'active'""")) {
            update.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            update.setArray(2, connection.createArrayOf("text", reasons.toArray()));
            update.executeUpdate();
        }
    }

    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
