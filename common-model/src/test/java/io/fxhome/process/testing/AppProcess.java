package io.fxhome.process.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A packaged fxhome application ({@code <module>/target/quarkus-app/quarkus-run.jar}) running as an OS process of its
 * own, for the tests that run several instances, kill one, or measure one from outside (shipped in common-model's test
 * jar). It binds a port of its own choosing and logs to a file; a test JVM that stops takes it along.
 */
public final class AppProcess implements AutoCloseable {
    /**
     * Where every upstream URL points unless the test names its stand-in: a host that cannot resolve, so that a
     * forgotten setting fails the test instead of reaching Mozilla's production services (the packaged jar runs the
     * prod profile, whose defaults are those services).
     */
    public static final String NO_UPSTREAM = "http://upstream-not-configured-in-this-test.invalid";
    private static final Pattern HEAP_USED = Pattern.compile("^jvm_memory_used_bytes\\{.*area=\"heap\".*} ([0-9.E+]+)$",
            Pattern.MULTILINE);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path log;
    private final Process process;
    // Chosen by the application itself (port 0), known once it has logged it.
    private int port = -1;

    private AppProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** A process of the application packaged at {@code jar}, named {@code name} (its log: target/it-logs/NAME.log). */
    public static Builder of(Path jar, String name) {
        return new Builder(jar, name);
    }

    /** How to start one process; {@link #start()} starts it. */
    public static final class Builder {
        private final Path jar;
        private final String name;
        private Path log;
        private String maxHeap = "256m";
        private int niceness;
        private boolean idleScheduling;
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder(Path jar, String name) {
            this.jar = jar;
            this.name = name;
            this.log = Path.of("target", "it-logs", name + ".log");
        }

        public Builder log(Path file) {
            this.log = file;
            return this;
        }

        /** {@code -Xmx}, e.g. {@code 256m} (the default). */
        public Builder maxHeap(String size) {
            this.maxHeap = size;
            return this;
        }

        /**
         * Starts the JVM through {@code nice -n}: every thread it starts runs at this lower CPU priority (a benchmark's
         * process that must yield the cores to another, as an operator may run the worker beside the web app).
         */
        public Builder niceness(int increment) {
            this.niceness = increment;
            return this;
        }

        /**
         * Starts the JVM through {@code chrt --idle 0} (Linux's SCHED_IDLE): its threads run only on a core that no
         * ordinary thread wants, and an ordinary thread that wakes takes the core from them at once, where a nice one
         * would still finish its slice first.
         */
        public Builder idleScheduling(boolean idle) {
            this.idleScheduling = idle;
            return this;
        }

        /** More JVM options, before {@code -jar}. */
        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /** Configuration as system properties ({@code -Dkey=value}), which win over the environment. */
        public Builder properties(Map<String, String> more) {
            properties.putAll(more);
            return this;
        }

        /** Environment variables on top of the test JVM's own. */
        public Builder environment(Map<String, String> more) {
            environment.putAll(more);
            return this;
        }

        public AppProcess start() throws IOException {
            if (!Files.exists(jar)) {
                throw new IllegalStateException("no packaged application at " + jar.toAbsolutePath()
                        + ": package it first (./mvnw package -DskipTests), as `verify` does before the integration tests");
            }
            List<String> command = new ArrayList<>();
            if (idleScheduling) {
                // chrt execs what follows, as nice does.
                command.addAll(List.of("chrt", "--idle", "0"));
            }
            if (niceness != 0) {
                // nice execs the JVM, so the process (and its pid) is the JVM's.
                command.addAll(List.of("nice", "-n", Integer.toString(niceness)));
            }
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap));
            command.addAll(jvmOptions);
            command.add("-Dquarkus.http.port=0");
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-jar", jar.toString()));
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            for (String variable : List.of("FXHOME_FXA_AUTH_URL", "FXHOME_FXA_CONTENT_URL", "FXHOME_FXA_PROFILE_URL",
                    "FXHOME_SYNC_TOKENSERVER_URL")) {
                builder.environment().put(variable, NO_UPSTREAM);
            }
            builder.environment().putAll(environment);
            Process process = builder.start();
            // A test JVM that is stopped (or crashes) takes its processes with it: no orphan keeps consuming test queues.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new AppProcess(name, log, process);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200 (its database and broker are up); fails early if it exits. */
    public AppProcess awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        port = ListeningPort.await(process, log, timeout);
        await(name + " ready on port " + port + " (see " + log.toAbsolutePath() + ")")
                .atMost(Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(1).toNanos())))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see "
                                + log.toAbsolutePath());
                    }
                    try {
                        return get("/q/health/ready").statusCode() == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
        return this;
    }

    public String name() {
        return name;
    }

    /** The port it listens on; known after {@link #awaitReady}. */
    public int port() {
        if (port < 0) {
            throw new IllegalStateException(name + " is not known to listen yet: awaitReady first");
        }
        return port;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The heap in use now, from the process's own Prometheus metrics ({@code /q/metrics}). */
    public long heapUsedBytes() throws IOException, InterruptedException {
        long total = 0;
        Matcher m = HEAP_USED.matcher(get("/q/metrics").body());
        while (m.find()) {
            total += (long) Double.parseDouble(m.group(1));
        }
        return total;
    }

    /** The operating system's process id (for reading its CPU time from /proc in benchmarks). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hook, no chance to acknowledge or clean up, as when a node dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " still runs 30 s after SIGKILL");
        }
    }

    /** Stops it as an orchestrator would (SIGTERM), and kills it if it has not stopped within 20 seconds. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
