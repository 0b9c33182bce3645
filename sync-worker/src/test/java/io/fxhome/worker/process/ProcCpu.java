package io.fxhome.worker.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * CPU time of processes from {@code /proc/<pid>/stat} (user + system, in clock ticks of 10 ms), for a benchmark that
 * runs every process on one machine. A group of processes whose members come and go (PostgreSQL's backends of one
 * database) is summed from the first sample that saw each one.
 */
final class ProcCpu {
    private static final double TICK_SECONDS = 0.01;
    private final Map<Long, Long> first = new HashMap<>();
    private final Map<Long, Long> last = new HashMap<>();

    /** Reads the current CPU time of {@code pids}; those that ended keep their last value. */
    synchronized void sample(Set<Long> pids) {
        for (long pid : pids) {
            long ticks = ticks(pid);
            if (ticks >= 0) {
                first.putIfAbsent(pid, ticks);
                last.put(pid, ticks);
            }
        }
    }

    /** CPU seconds used by the sampled processes between their first and last samples. */
    synchronized double seconds() {
        long sum = 0;
        for (Map.Entry<Long, Long> e : last.entrySet()) {
            sum += e.getValue() - first.get(e.getKey());
        }
        return sum * TICK_SECONDS;
    }

    /** Starts counting again from the next sample. */
    synchronized void reset() {
        first.clear();
        first.putAll(last);
    }

    /** utime + stime of one process (every thread), or -1 when it is gone. */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
