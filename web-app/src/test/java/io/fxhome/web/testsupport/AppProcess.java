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
 * A packaged fxhome process started by a test: the real sync worker ({@code sync-worker/target/quarkus-app}, built by
 * the reactor before this module), so that the browser tests watch a real first sync without web-app depending on the
 * worker's code; or this module's own packaged web app, for the integration tests that run several instances.
 */
public final class AppProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    // Chosen by the worker itself (port 0), known once it has logged it.
    private int port;

    private AppProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The sync worker on these settings. */
    public static AppProcess worker(Map<String, String> properties) throws IOException {
        return start("browser-worker", Path.of(System.getProperty("fxhome-test.worker-jar", "../sync-worker/target/quarkus-app/quarkus-run.jar")),
                properties);
    }

    /** This module's packaged web app (integration tests run after the package phase), logging to target/it-logs/NAME.log. */
    public static AppProcess webApp(String name, Map<String, String> properties) throws IOException {
        return start(name, Path.of(System.getProperty("fxhome-test.web-jar", "target/quarkus-app/quarkus-run.jar")), properties);
    }

    private static AppProcess start(String name, Path jar, Map<String, String> properties) throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no packaged application at " + jar.toAbsolutePath()
                    + ": build it first (./mvnw package -DskipTests), as the reactor build does");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-Dquarkus.http.port=0"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Path log = Path.of("target", "it-logs", name + ".log");
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // A test JVM that is stopped (or crashes) takes its worker with it: no orphan keeps consuming the test lanes.
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        return new AppProcess(p, log);
    }

    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        port = ListeningPort.await(process, log, timeout);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the process exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
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
        throw new IllegalStateException("the process was not ready within " + timeout + "; see " + log.toAbsolutePath());
    }

    /** The HTTP port, once {@link #awaitReady} has returned. */
    public int port() {
        return port;
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
