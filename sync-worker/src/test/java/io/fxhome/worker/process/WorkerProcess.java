package io.fxhome.worker.process;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fxhome.process.testing.ListeningPort;

/**
 * The packaged sync worker ({@code target/quarkus-app/quarkus-run.jar}) as a real OS process, for the tests and
 * benchmarks that must kill it or measure it from outside.
 */
public final class WorkerProcess implements AutoCloseable {
    private static final Pattern HEAP_USED = Pattern.compile("^jvm_memory_used_bytes\\{.*area=\"heap\".*} ([0-9.E+]+)$", Pattern.MULTILINE);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;
    private final Path log;

    private WorkerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the worker with the given environment (on top of the test's) and heap, and waits until it is ready. */
    public static WorkerProcess start(Map<String, String> env, String maxHeap, Path log) throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: these tests run after the package phase");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap));
        // Extra JVM options for measuring (e.g. a flight recording in a benchmark): -Dworker.jvm-options="...".
        String extra = System.getProperty("worker.jvm-options", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        Process process = builder.start();
        // A test JVM that is stopped (not killed) must not leave a worker behind, consuming from the test queues.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        // The worker binds a port of its own choosing (port 0) and logs it.
        WorkerProcess worker = new WorkerProcess(process, ListeningPort.await(process, log, Duration.ofSeconds(90)), log);
        worker.awaitReady(Duration.ofSeconds(90));
        return worker;
    }

    private void awaitReady(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("worker exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("worker not ready in " + timeout + "; see " + log);
    }

    /** The heap in use now, from the worker's own Prometheus metrics. */
    public long heapUsedBytes() throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long total = 0;
        Matcher m = HEAP_USED.matcher(metrics);
        while (m.find()) {
            total += (long) Double.parseDouble(m.group(1));
        }
        return total;
    }

    /** SIGKILL: no shutdown hook, no chance to ack or clean up, as when a node dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    public static File logFile(String name) {
        File dir = new File("target/worker-processes");
        dir.mkdirs();
        return new File(dir, name + ".log");
    }
}
