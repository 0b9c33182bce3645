package io.fxhome.worker.warmup;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The JIT's work still to do, as {@code jcmd PID Compiler.queue} shows it (HotSpot's diagnostic command, read in
 * process through its MBean): the compilations under way and those queued. After the warm-up's pages, the optimising
 * compiler may still be busy with them for seconds on a busy machine; a first sync that starts then pays for it.
 */
final class CompilerQueue {
    private static final long POLL_MILLIS = 100;

    private CompilerQueue() {
    }

    /**
     * Waits until no compilation is queued or under way, or {@code deadlineNanos} (of {@link System#nanoTime}) has
     * passed. @return the compilations left (0: the queue is empty), or -1 when this JVM cannot tell
     */
    static int awaitEmpty(long deadlineNanos) {
        while (true) {
            int left = size();
            if (left <= 0 || System.nanoTime() >= deadlineNanos) {
                return left;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return left;
            }
        }
    }

    /** Compilations queued or under way, or -1 when unknown (another JVM than HotSpot). */
    static int size() {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerQueue",
                    new Object[] { new String[0] }, new String[] { String[].class.getName() });
            return count(String.valueOf(text));
        } catch (JMException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Counts the tasks in the command's text: headings end with a colon ({@code Current compiles:}, {@code C2 compile
     * queue:}), an empty queue says {@code Empty}; every other line is one compilation.
     */
    static int count(String text) {
        int tasks = 0;
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.endsWith(":") && !l.equals("Empty")) {
                tasks++;
            }
        }
        return tasks;
    }
}
