package io.fxhome.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL server of the fault suite's own (Debian's PostgreSQL 15 binaries, {@code fxhome.faults.pg-bin}), in a
 * temporary directory, on a free port of 127.0.0.1 with trust authentication, so that it can be stopped and started
 * again under the processes being tested. The machine's shared server (port 5432) is never touched.
 */
final class PrivatePostgres extends PrivateServer {
    static final String DATABASE = "fxhome";
    private static final String SYSTEM_USER = "postgres";
    private static final Path BIN = binaries();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final int port;

    private PrivatePostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** A new cluster with the {@code fxhome} role (password fxhome) owning an empty {@code fxhome} database, running. */
    static PrivatePostgres start() throws IOException, InterruptedException, SQLException {
        Path dir = Files.createTempDirectory("fxfault-pg-");
        OsCommand.chown(SYSTEM_USER, dir);
        PrivatePostgres pg = new PrivatePostgres(dir, FreePort.pick());
        pg.stopAtExit();
        pg.run("initdb", "-D", pg.data(), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync");
        pg.startServer();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("create role fxhome login password 'fxhome'");
            s.execute("create database " + DATABASE + " owner fxhome");
        }
        return pg;
    }

    /** Starts the stopped server again, on the same port and data directory. */
    void startServer() throws IOException, InterruptedException {
        // fsync off: a test database, and a stop here is a process stop, never a power loss.
        run("pg_ctl", "-D", data(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-h 127.0.0.1 -p " + port + " -k " + dir + " -F -c max_connections=200", "start");
    }

    /** Stops the server as an operator's restart does ({@code -m fast}: every session is terminated at once). */
    void stopServer() throws IOException, InterruptedException {
        run("pg_ctl", "-D", data(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The fxhome database as its role sees it; a new connection per call, so it works across restarts. */
    PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl(DATABASE));
        ds.setUser("fxhome");
        ds.setPassword("fxhome");
        ds.setConnectTimeout(5);
        ds.setSocketTimeout(60);
        return ds;
    }

    /** {@code fxhome.faults.pg-bin}, else the newest Debian PostgreSQL installed (/usr/lib/postgresql/N/bin). */
    private static Path binaries() {
        String configured = System.getProperty("fxhome.faults.pg-bin");
        if (configured != null) {
            return Path.of(configured);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql: install "
                            + "Debian's postgresql package, or set -Dfxhome.faults.pg-bin"));
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL under /usr/lib/postgresql (" + e.getMessage()
                    + "): install Debian's postgresql package, or set -Dfxhome.faults.pg-bin", e);
        }
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private void run(String tool, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = BIN.resolve(tool).toString();
        System.arraycopy(args, 0, command, 1, args.length);
        OsCommand.run(SYSTEM_USER, dir, Map.of(), TIMEOUT, command);
    }

    @Override
    protected void stopAndDelete() throws IOException, InterruptedException {
        try {
            run("pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop");
        } catch (IllegalStateException alreadyStopped) {
            // Nothing to stop.
        }
        OsCommand.deleteTree(dir);
    }

    @Override
    public String toString() {
        return "private PostgreSQL on 127.0.0.1:" + port + " (" + dir + ")";
    }
}
