package io.fxhome.worker.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Time the threads of processes spent runnable but waiting for a core ({@code /proc/<pid>/task/<tid>/schedstat}'s second
 * field, the scheduler's run delay, in nanoseconds): what a request waits for on a machine whose cores are busy with
 * other work. Summed per thread, keyed by its id and start time (ids are reused); a thread first seen after
 * {@link #reset()} counts from its start, one seen before from its first sample; threads that ended keep their last
 * value.
 */
final class ProcWait {
    private final Map<String, Long> first = new HashMap<>();
    private final Map<String, Long> last = new HashMap<>();
    private boolean reset;

    synchronized void sample(Set<Long> pids) {
        for (long pid : pids) {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks) {
                    long delay = runDelay(task.resolve("schedstat"));
                    String started = startTime(task);
                    if (delay >= 0 && started != null) {
                        String key = pid + "/" + task.getFileName() + "@" + started;
                        first.putIfAbsent(key, reset ? 0 : delay);
                        last.put(key, delay);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process is gone: its threads keep their last values
            }
        }
    }

    /** Seconds spent waiting for a core between the first and last samples. */
    synchronized double seconds() {
        long sum = 0;
        for (Map.Entry<String, Long> e : last.entrySet()) {
            sum += e.getValue() - first.get(e.getKey());
        }
        return sum / 1e9;
    }

    synchronized void reset() {
        first.clear();
        first.putAll(last);
        reset = true;
    }

    /** Field 22 of the task's stat (its start, in clock ticks since boot), or null when it is gone. */
    private static String startTime(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long runDelay(Path schedstat) {
        try {
            return Long.parseLong(Files.readString(schedstat).strip().split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The local TCP ports of {@code pid}'s connections to {@code remotePort} (its sockets' inodes in
     * {@code /proc/<pid>/fd} matched with {@code /proc/net/tcp} and {@code tcp6}): with {@code pg_stat_activity}'s
     * {@code client_port}, which PostgreSQL backends serve one process.
     */
    static Set<Integer> clientPorts(long pid, int remotePort) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            return Set.of();
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.strip().split("\\s+");
                    if (f.length > 9 && inodes.contains(f[9]) && port(f[2]) == remotePort) {
                        ports.add(port(f[1]));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table here
            }
        }
        return ports;
    }

    /** The port of an {@code address:port} in hex, as /proc/net/tcp writes it. */
    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16);
    }
}
