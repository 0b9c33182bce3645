package io.fxhome.worker.db;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Local JDBC transactions, one per page of records; never held across an HTTP call. */
public final class Transactions {
    private final DataSource dataSource;

    public Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public <T> T inTransaction(Work<T> work) {
        return run(work, false);
    }

    /**
     * A transaction that does not wait for its WAL to reach the disk. Used for pages of records: their writes are
     * idempotent and the high-water mark that vouches for them is saved later by an ordinary (synchronous) commit,
     * which flushes the WAL of every earlier commit first; so a database crash can lose pages only together with the
     * mark, and the next sync downloads them again.
     */
    public <T> T inPageTransaction(Work<T> work) {
        return run(work, true);
    }

    /**
     * Work outside any transaction block, in autocommit: for statements PostgreSQL refuses inside one (VACUUM), and for
     * work of one statement (or one batch the driver sends with one Sync), which is then its own transaction in one
     * exchange with PostgreSQL, where a transaction block takes two (BEGIN with the statement, then COMMIT).
     */
    public <T> T withoutTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            return work.run(c);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private <T> T run(Work<T> work, boolean asyncCommit) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (asyncCommit) {
                    try (var st = c.createStatement()) {
                        st.execute("set local synchronous_commit = off");
                    }
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }
}
