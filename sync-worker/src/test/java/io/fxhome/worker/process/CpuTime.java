package io.fxhome.worker.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the processes a benchmark runs, from Linux's /proc (in clock ticks of 1/100 s): the worker as a whole and
 * its JIT compiler and GC threads apart, this JVM (the sandbox, standing for Mozilla), and PostgreSQL when its
 * postmaster.pid is named by {@code -Dbench.postmaster-pid-file} (the postmaster's children that have ended are in
 * its own cumulative counters). On a machine shared with other work, wall time alone says little; CPU time does.
 */
record CpuTime(long worker, long jit, long c2, long gc, long self, long postgres) {
    private static final double TICK = 0.01;
    /** Before a process started: {@code of(pid).since(ZERO)} is all it has spent so far. */
    static final CpuTime ZERO = new CpuTime(0, 0, 0, 0, 0, 0);

    static CpuTime of(long workerPid) {
        long jit = 0;
        long c2 = 0;
        long gc = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(workerPid), "task"))) {
            for (Path task : tasks) {
                String name = read(task.resolve("comm")).strip();
                long ticks = ticks(read(task.resolve("stat")), false);
                if (name.contains("CompilerThre")) {
                    jit += ticks;
                    // C1 and C2 apart: the cold case's JIT flags move work from one to the other.
                    if (name.startsWith("C2")) {
                        c2 += ticks;
                    }
                } else if (name.startsWith("GC ") || name.startsWith("G1 ")) {
                    gc += ticks;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // a thread that ended between listing and reading: its time is in the total
        }
        return new CpuTime(ticks(workerPid, false), jit, c2, gc, ticks(ProcessHandle.current().pid(), false), postgresTicks());
    }

    Delta since(CpuTime before) {
        return new Delta((worker - before.worker) * TICK, (jit - before.jit) * TICK, (c2 - before.c2) * TICK,
                (gc - before.gc) * TICK,
                (self - before.self) * TICK, postgres < 0 ? -1 : (postgres - before.postgres) * TICK);
    }

    /** CPU seconds spent between two readings. */
    record Delta(double worker, double jit, double c2, double gc, double sandbox, double postgres) {
        @Override
        public String toString() {
            return String.format("%s, sandbox %.2f%s", workerPart(), sandbox,
                    postgres < 0 ? "" : String.format(", PostgreSQL %.2f", postgres));
        }

        /** The worker's part alone (for a delta since {@link #ZERO}, where the other processes' figures mean nothing). */
        String workerPart() {
            return String.format("worker %.2f (JIT %.2f of which C2 %.2f, GC %.2f)", worker, jit, c2, gc);
        }
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
    static String loadAverage() {
        try {
            String[] f = read(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException unknown) {
            return "?";
        }
    }

    private static long postgresTicks() {
        String file = System.getProperty("bench.postmaster-pid-file", "");
        if (file.isBlank()) {
            return -1;
        }
        try {
            long postmaster = Long.parseLong(Files.readAllLines(Path.of(file)).get(0).strip());
            long total = ticks(postmaster, true);
            for (ProcessHandle child : ProcessHandle.of(postmaster).orElseThrow().children().toList()) {
                total += ticks(child.pid(), false);
            }
            return total;
        } catch (IOException | RuntimeException unknown) {
            return -1;
        }
    }

    private static long ticks(long pid, boolean withEndedChildren) {
        try {
            return ticks(read(Path.of("/proc", Long.toString(pid), "stat")), withEndedChildren);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** utime + stime (and cutime + cstime), the 14th to 17th fields; the name before them may hold spaces. */
    private static long ticks(String stat, boolean withEndedChildren) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withEndedChildren ? ticks + Long.parseLong(f[13]) + Long.parseLong(f[14]) : ticks;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
