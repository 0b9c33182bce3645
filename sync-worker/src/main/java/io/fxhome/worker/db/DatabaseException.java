package io.fxhome.worker.db;

import java.sql.SQLException;

/** A failed statement; the job is retried (rows are upserts, so a retry never duplicates). */
public class DatabaseException extends RuntimeException {
    public DatabaseException(SQLException cause) {
        super("database error: " + cause.getMessage() + " (SQLState " + cause.getSQLState() + ")", cause);
    }
}
