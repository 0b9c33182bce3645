package io.fxhome.account.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * Rows of the {@code account} table for the modules' tests (shipped in common-model's test jar), written and read with
 * plain SQL on the database the test names.
 */
public final class TestAccounts {
    private final DataSource dataSource;

    public TestAccounts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Removes every account and lifts the scheduler's fleet-wide pause ({@code scheduler_control}): each test starts
     * from an empty scheduler.
     */
    public void clear() {
        update("delete from account");
        update("update scheduler_control set paused = false, paused_at = null");
    }

    /** Inserts a bare account (the table's defaults: active, never synced) and returns its id. */
    public UUID create() {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection
                        .prepareStatement("insert into account (id, fxa_uid, email) values (?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, id.toString().replace("-", ""));
            insert.setString(3, id + "@example.test");
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** Inserts one account and returns its id. Null times stay null. */
    public UUID insert(String status, Instant createdAt, Instant lastSeenAt, Instant nextSyncAt, Instant backoffUntil,
            Instant dataChangedAt) {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        """
                                insert into account (id, fxa_uid, email, status, created_at, last_seen_at, next_sync_at, backoff_until, data_changed_at)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setString(2, "uid-" + id);
            insert.setString(3, id + "@example.com");
            insert.setString(4, status);
            insert.setObject(5, at(createdAt));
            insert.setObject(6, at(lastSeenAt));
            insert.setObject(7, at(nextSyncAt));
            insert.setObject(8, at(backoffUntil));
            insert.setObject(9, at(dataChangedAt));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** Inserts {@code count} active accounts used at {@code lastSeenAt} and due at {@code nextSyncAt} (null: unscheduled). */
    public void insertMany(int count, Instant createdAt, Instant lastSeenAt, Instant nextSyncAt) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into account (id, fxa_uid, email, status, created_at, last_seen_at, next_sync_at)
                        select u, 'uid-' || u, u || '@example.com', 'active', ?, ?, ?
                          from (select gen_random_uuid() as u from generate_series(1, ?)) ids""")) {
            insert.setObject(1, at(createdAt));
            insert.setObject(2, at(lastSeenAt));
            insert.setObject(3, at(nextSyncAt));
            insert.setInt(4, count);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Instant nextSyncAt(UUID id) {
        return instantColumn(id, "next_sync_at");
    }

    public Instant lastSeenAt(UUID id) {
        return instantColumn(id, "last_seen_at");
    }

    public String status(UUID id) {
        return query("select status from account where id = ?", id);
    }

    /** The interval the scheduler chose at its last publish ({@code sync_every}), as PostgreSQL prints it, or null. */
    public String syncEvery(UUID id) {
        return query("select sync_every::text from account where id = ?", id);
    }

    public String statusReason(UUID id) {
        return query("select status_reason from account where id = ?", id);
    }

    /** Next due times of every account, in no order. */
    public List<Instant> allNextSyncAt() {
        List<Instant> all = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select next_sync_at from account");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                OffsetDateTime value = rows.getObject(1, OffsetDateTime.class);
                all.add(value == null ? null : value.toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    public List<UUID> allIds() {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select id from account");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    public void update(String sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant instantColumn(UUID id, String column) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select " + column + " from account where id = ?")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                OffsetDateTime value = row.getObject(1, OffsetDateTime.class);
                return value == null ? null : value.toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String query(String sql, UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
