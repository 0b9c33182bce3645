package io.fxhome.scheduler.cluster;

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

/** One packaged scheduler ({@code target/quarkus-app/quarkus-run.jar}) running as its own process. */
final class SchedulerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final Path log;
    private final Process process;
    // Chosen by the scheduler itself (port 0), known once it has logged it.
    private int port = -1;

    private SchedulerProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static SchedulerProcess start(String name, Map<String, String> properties) throws IOException {
        String jar = System.getProperty("fxhome.scheduler.app.jar", "target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(Path.of(jar))) {
            throw new IllegalStateException("no packaged scheduler at " + jar + ": run the failsafe tests through `mvn verify`");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
        command.add("-Dquarkus.http.port=0");
        command.add("-Dfxhome.scheduler.instance-name=" + name);
        // The Quartz cluster member id too, so the test can watch the survivor clean up after the killed one.
        command.add("-Dquarkus.quartz.instance-id=" + name);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar);
        Path log = Path.of("target", "it-logs", name + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new SchedulerProcess(name, log, process);
    }

    /** Waits until {@code /q/health/ready} answers 200 (database and broker up). */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        port = ListeningPort.await(process, log, timeout);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log.toAbsolutePath());
    }

    /** The port it listens on; known after {@link #awaitReady}. */
    int port() {
        if (port < 0) {
            throw new IllegalStateException(name + " is not known to listen yet: awaitReady first");
        }
        return port;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL: no shutdown hook, no Quartz goodbye, open transactions die with their connections. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    /** Sum of "N jobs published" over the ticks this process logged. */
    int publishedPerLog() throws IOException {
        int total = 0;
        var matcher = java.util.regex.Pattern.compile("tick on " + java.util.regex.Pattern.quote(name) + ": ([0-9,]+) jobs published").matcher(logText());
        while (matcher.find()) {
            total += Integer.parseInt(matcher.group(1).replace(",", ""));
        }
        return total;
    }

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
