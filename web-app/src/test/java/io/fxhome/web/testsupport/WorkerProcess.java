package io.fxhome.web.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fxhome.process.testing.ListeningPort;

/**
 * The real sync worker ({@code sync-worker/target/quarkus-app/quarkus-run.jar}, built by the reactor before this module)
 * as a process of its own, on the web app's test database, job namespace and sandbox: the browser tests watch a real
 * first sync without web-app depending on the worker's code.
 */
public final class WorkerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    // Chosen by the worker itself (port 0), known once it has logged it.
    private int port;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static WorkerProcess start(Map<String, String> properties) throws IOException {
        Path jar = Path.of(System.getProperty("fxhome-test.worker-jar", "../sync-worker/target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no packaged sync worker at " + jar.toAbsolutePath()
                    + ": build it first (./mvnw -pl sync-worker package -DskipTests), as the reactor build does");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-Dquarkus.http.port=0"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Path log = Path.of("target", "it-logs", "browser-worker.log");
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // A test JVM that is stopped (or crashes) takes its worker with it: no orphan keeps consuming the test lanes.
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        return new WorkerProcess(p, log);
    }

    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        port = ListeningPort.await(process, log, timeout);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the worker exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the worker was not ready within " + timeout + "; see " + log.toAbsolutePath());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
