package io.fxhome.scheduler.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

/**
 * The fleet-wide pause, each account's operator pause, and the record of the last tick: all in PostgreSQL. The pause
 * and the record are in the control database (the default datasource); an account's pause is on its row, in its shard.
 */
public final class SchedulerControlStore {
    private final DataSource dataSource;
    private final Function<UUID, DataSource> accountDatabase;

    /** Without shards: the accounts are in the control database. */
    public SchedulerControlStore(DataSource dataSource) {
        this(dataSource, account -> dataSource);
    }

    /** @param accountDatabase the database of an account's row (its shard) */
    public SchedulerControlStore(DataSource dataSource, Function<UUID, DataSource> accountDatabase) {
        this.dataSource = dataSource;
        this.accountDatabase = accountDatabase;
    }

    /** Whether scheduling is paused for all accounts, read on the caller's connection. */
    public static boolean isPaused(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select paused from scheduler_control where id = 1");
                ResultSet row = select.executeQuery()) {
            return row.next() && row.getBoolean(1);
        }
    }

    public boolean isPaused() {
        try (Connection connection = dataSource.getConnection()) {
            return isPaused(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the scheduler's pause flag: " + e.getMessage(), e);
        }
    }

    /** Pauses or resumes scheduled syncs of all accounts (interactive syncs are not affected). */
    public void setPaused(boolean paused, Instant at) {
        execute("update scheduler_control set paused = ?, paused_at = ? where id = 1", statement -> {
            statement.setBoolean(1, paused);
            statement.setObject(2, paused ? OffsetDateTime.ofInstant(at, ZoneOffset.UTC) : null);
        });
    }

    /**
     * Pauses or resumes one account's scheduled syncs.
     *
     * @return false if there is no such account
     */
    public boolean setAccountPaused(UUID accountId, boolean paused) {
        return execute(accountDatabase.apply(accountId), "update account set schedule_paused = ? where id = ?", statement -> {
            statement.setBoolean(1, paused);
            statement.setObject(2, accountId);
        }) == 1;
    }

    public void recordTick(TickReport report) {
        execute("""
                update scheduler_control
                   set last_tick_instance = ?, last_tick_started_at = ?, last_tick_finished_at = ?,
                       last_tick_published = ?, last_tick_deferred = ?, last_tick_paused = ?, last_tick_error = ?
                 where id = 1""", statement -> {
            statement.setString(1, report.instance());
            statement.setObject(2, OffsetDateTime.ofInstant(report.startedAt(), ZoneOffset.UTC));
            statement.setObject(3, OffsetDateTime.ofInstant(report.finishedAt(), ZoneOffset.UTC));
            statement.setInt(4, report.published());
            statement.setInt(5, report.deferred());
            statement.setInt(6, report.paused());
            statement.setString(7, report.error().orElse(null));
        });
    }

    public ControlState read() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select paused, paused_at, last_tick_instance, last_tick_started_at, last_tick_finished_at,
                               last_tick_published, last_tick_deferred, last_tick_paused, last_tick_error
                          from scheduler_control where id = 1""");
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("scheduler_control has no row: is migration V3 applied?");
            }
            Optional<ControlState.LastTick> lastTick = Optional.empty();
            if (row.getString(3) != null) {
                lastTick = Optional.of(new ControlState.LastTick(row.getString(3), instant(row, 4), instant(row, 5),
                        row.getInt(6), row.getInt(7), row.getInt(8), Optional.ofNullable(row.getString(9))));
            }
            return new ControlState(row.getBoolean(1), Optional.ofNullable(instant(row, 2)), lastTick);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read scheduler_control: " + e.getMessage(), e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private int execute(String sql, Binder binder) {
        return execute(dataSource, sql, binder);
    }

    private static int execute(DataSource database, String sql, Binder binder) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the scheduler's control state: " + e.getMessage(), e);
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
