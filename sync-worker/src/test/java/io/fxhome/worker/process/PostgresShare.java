package io.fxhome.worker.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where PostgreSQL's CPU of one benchmark run went, by kind of process (from each child's {@code /proc} title): client
 * backends, autovacuum workers, the background processes, and children that ended during the run (autovacuum workers,
 * mostly: each ends after its database). With {@code -Dbench.pg-statements=<jdbc url of a database holding the
 * pg_stat_statements extension>}, also the statements that took the most time, planning apart. The cold case's
 * PostgreSQL cost more than the warm case's (docs/benchmarks.md); this says in which processes and statements.
 */
final class PostgresShare {
    private static final double TICK = 0.01;
    private static final String STATEMENTS_URL = System.getProperty("bench.pg-statements", "");

    private final long postmaster;
    private final long endedChildren;
    private final Map<Long, Long> ticks;
    private final Map<Long, String> kinds;

    private PostgresShare(long postmaster, long endedChildren, Map<Long, Long> ticks, Map<Long, String> kinds) {
        this.postmaster = postmaster;
        this.endedChildren = endedChildren;
        this.ticks = ticks;
        this.kinds = kinds;
    }

    /** A reading now (and the statement counters reset), or null without {@code bench.postmaster-pid-file}. */
    static PostgresShare start() {
        PostgresShare now = read();
        if (now != null && !STATEMENTS_URL.isBlank()) {
            query("select pg_stat_statements_reset()", rs -> {
            });
        }
        return now;
    }

    /** CPU seconds by kind of process since {@code this} reading, and the top statements when asked for. */
    String since() {
        PostgresShare end = read();
        if (end == null || end.postmaster != postmaster) {
            return "";
        }
        Map<String, Long> byKind = new TreeMap<>();
        long goneBefore = 0;
        for (Map.Entry<Long, Long> e : end.ticks.entrySet()) {
            byKind.merge(end.kinds.get(e.getKey()), e.getValue() - ticks.getOrDefault(e.getKey(), 0L), Long::sum);
        }
        for (Map.Entry<Long, Long> e : ticks.entrySet()) {
            if (!end.ticks.containsKey(e.getKey())) {
                goneBefore += e.getValue();
            }
        }
        // A child that ended during the run is in the postmaster's counters with all its time; what it had spent
        // before the run was counted in the first reading.
        byKind.merge("ended", end.endedChildren - endedChildren - goneBefore, Long::sum);
        StringBuilder out = new StringBuilder("  PostgreSQL CPU s by process:");
        byKind.forEach((kind, t) -> out.append(String.format(" %s %.2f;", kind, t * TICK)));
        out.append('\n');
        if (!STATEMENTS_URL.isBlank()) {
            out.append("  top statements (calls, exec ms, plan ms):\n");
            query("""
                    select calls, round(total_exec_time) exec, round(total_plan_time) plan,
                      regexp_replace(left(query, 110), '\\s+', ' ', 'g') q
                    from pg_stat_statements where dbid = (select oid from pg_database where datname = 'fxhome_test_worker')
                    order by total_exec_time + total_plan_time desc limit 12""",
                    rs -> out.append(String.format("    %d, %d, %d: %s%n", rs.getLong(1), rs.getLong(2), rs.getLong(3),
                            rs.getString(4))));
            query("""
                    select sum(calls), round(sum(total_exec_time)), round(sum(total_plan_time)), sum(plans)
                    from pg_stat_statements where dbid = (select oid from pg_database where datname = 'fxhome_test_worker')""",
                    rs -> out.append(String.format("    all: %d calls, %d ms executing, %d ms planning (%d plans)%n",
                            rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))));
        }
        return out.toString();
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(String sql, Row row) {
        try (Connection c = DriverManager.getConnection(STATEMENTS_URL, "postgres", "");
                Statement s = c.createStatement()) {
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) {
                        row.accept(rs);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PostgresShare read() {
        String file = System.getProperty("bench.postmaster-pid-file", "");
        if (file.isBlank()) {
            return null;
        }
        try {
            long postmaster = Long.parseLong(Files.readAllLines(Path.of(file)).get(0).strip());
            String[] f = stat(postmaster);
            long ended = Long.parseLong(f[13]) + Long.parseLong(f[14]);
            Map<Long, Long> ticks = new HashMap<>();
            Map<Long, String> kinds = new HashMap<>();
            for (ProcessHandle child : ProcessHandle.of(postmaster).orElseThrow().children().toList()) {
                try {
                    String[] c = stat(child.pid());
                    ticks.put(child.pid(), Long.parseLong(c[11]) + Long.parseLong(c[12]));
                    kinds.put(child.pid(), kind(child.pid()));
                } catch (IOException | RuntimeException gone) {
                    // ended between the listing and the reading: its time is in the postmaster's counters
                }
            }
            ticks.put(postmaster, Long.parseLong(f[11]) + Long.parseLong(f[12]));
            kinds.put(postmaster, "postmaster");
            return new PostgresShare(postmaster, ended, ticks, kinds);
        } catch (IOException | RuntimeException unknown) {
            return null;
        }
    }

    /** "postgres: fxhome fxhome_test_worker 127.0.0.1(4242) idle" is a client backend; others name themselves. */
    private static String kind(long pid) throws IOException {
        String title = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                StandardCharsets.UTF_8).replace('\0', ' ').strip();
        if (title.contains("autovacuum worker")) {
            return "autovacuum";
        }
        if (title.contains("127.0.0.1(") || title.contains("[local]")) {
            return "backends";
        }
        String name = title.replace("postgres: ", "").split(" ")[0];
        return name.isBlank() ? "starting or ending" : name;
    }

    private static String[] stat(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
