package io.fxhome.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command of the private servers' tools (initdb, pg_ctl, rabbitmq-server, rabbitmqctl), run as the servers' own
 * system user when the tests run as root (initdb refuses root; RabbitMQ's Erlang cookie is its user's), else as the
 * current user.
 */
final class OsCommand {
    private OsCommand() {
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs it to the end and answers its output; fails with the output if it exits with an error. */
    static String run(String systemUser, Path workDir, Map<String, String> env, Duration timeout, String... command)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("runuser", "-u", systemUser, "--", "env"));
            env.forEach((key, value) -> full.add(key + "=" + value));
        }
        full.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(full).directory(workDir.toFile()).redirectErrorStream(true);
        if (!runningAsRoot()) {
            builder.environment().putAll(env);
        }
        Process process = builder.start();
        // Read while it runs: a full pipe would block it.
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + text);
        }
        return text;
    }

    /** Gives a directory to the system user that runs a server (when running as root). */
    static void chown(String systemUser, Path dir) throws IOException, InterruptedException {
        if (runningAsRoot()) {
            Process p = new ProcessBuilder("chown", "-R", systemUser + ":", dir.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("chown -R " + systemUser + " " + dir + " failed");
            }
        }
    }

    /** Deletes a temporary directory and everything in it. */
    static void deleteTree(Path dir) throws IOException, InterruptedException {
        new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start().waitFor();
    }
}
