package io.fxhome.scheduler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fxhome.account.testing.TestAccounts;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncJobCodec;
import io.fxhome.job.SyncJobPublisher;
import io.fxhome.job.SyncReason;
import io.fxhome.job.SyncTopology;
import io.fxhome.scheduler.config.SchedulerConfig;
import io.fxhome.scheduler.control.TickReport;
import io.fxhome.scheduler.testsupport.Lanes;
import io.fxhome.scheduler.tick.TickRunner;
import io.quarkus.test.junit.QuarkusTest;

/**
 * 1,000,000 due accounts: how fast the scheduler publishes them all (durable, confirmed), beside RabbitMQ PerfTest
 * publishing as many persistent messages of the same size with confirms to a quorum queue of the same broker, before
 * and after it. Run with {@code ./mvnw -B -ntp -pl scheduler -Pbench test}; see docs/benchmarks.md.
 */
@QuarkusTest
@Tag("bench")
class SchedulerBenchmarkTest {
    private static final int ACCOUNTS = Integer.getInteger("fxhome.bench.accounts", 1_000_000);
    private static final String PERF_TEST_QUEUE = "fxhome-bench-perftest";

    @Inject
    DataSource dataSource;
    @Inject
    TickRunner runner;
    @Inject
    SyncJobPublisher publisher;
    @Inject
    SyncTopology topology;
    @Inject
    SchedulerConfig config;

    @Test
    void publishAMillionDueAccounts() throws Exception {
        Lanes.deleteAtExit(topology);
        var accounts = new TestAccounts(dataSource);
        int messageSize = SyncJobCodec.encode(SyncJob.of(UUID.randomUUID(), SyncReason.SCHEDULED, Instant.now())).length;
        List<String> results = new ArrayList<>();
        try (Lanes lanes = new Lanes(topology)) {
            lanes.purge();
            accounts.clear();
            long insertStart = System.nanoTime();
            Instant now = Instant.now();
            for (int done = 0; done < ACCOUNTS; done += 100_000) {
                accounts.insertMany(Math.min(100_000, ACCOUNTS - done), now.minus(Duration.ofDays(2)),
                        now.minus(Duration.ofHours(1)),
                        now.minus(Duration.ofMinutes(1)));
            }
            sql("vacuum analyze account");
            results.add(
                    String.format(Locale.ROOT, "setup: %,d due accounts inserted in %.1f s", ACCOUNTS, seconds(insertStart)));

            double perfTestBefore = perfTest(messageSize, results);

            long start = System.nanoTime();
            TickReport report = runner.runOnce().orElseThrow();
            double elapsed = seconds(start);
            long depth = publisher.messageCount(topology.scheduledQueue());
            results.add(String.format(Locale.ROOT,
                    "scheduler: %,d jobs published with confirms in %.1f s = %,.0f jobs/s (batch %d, %d threads); lane depth afterwards %,d",
                    report.published(), elapsed, report.published() / elapsed, config.batchSize(), config.publishThreads(),
                    depth));
            assertThat(report.error()).isEmpty();
            assertThat(report.published()).isEqualTo(ACCOUNTS);
            assertThat(depth).isEqualTo(ACCOUNTS);
            lanes.purge();

            double perfTestAfter = perfTest(messageSize, results);
            double perfTestMean = (perfTestBefore + perfTestAfter) / 2;
            results.add(String.format(Locale.ROOT, "ratio: scheduler %,.0f jobs/s vs PerfTest mean %,.0f msg/s = %.0f %%",
                    report.published() / elapsed, perfTestMean, 100 * report.published() / elapsed / perfTestMean));
        } finally {
            accounts.clear();
            sql("vacuum account");
            Lanes.delete(topology);
            results.forEach(line -> System.out.println("BENCH " + line));
            Path out = Path.of("target", "bench", "scheduler-benchmark.txt");
            Files.createDirectories(out.getParent());
            Files.write(out, results);
        }
    }

    /**
     * RabbitMQ PerfTest in a JVM of its own (its own logging; the classpath from the bench profile): one producer,
     * persistent messages of the job's size, at most 1000 unconfirmed, to a quorum queue, as many as there are accounts.
     */
    private double perfTest(int messageSize, List<String> results) throws IOException, InterruptedException {
        String classpath = System.getProperty("perftest.classpath");
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalStateException("perftest.classpath is not set: run with -Pbench");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-cp", classpath, "com.rabbitmq.perf.PerfTest",
                "--uri", "amqp://guest:guest@" + Lanes.rabbit().host() + ":5672",
                "--producers", "1", "--consumers", "0", "--confirm", "1000", "--flag", "persistent",
                "--size", String.valueOf(messageSize), "--pmessages", String.valueOf(ACCOUNTS),
                "--queue", PERF_TEST_QUEUE, "--quorum-queue", "--auto-delete", "false");
        Path log = Path.of("target", "bench", "perftest-" + System.currentTimeMillis() + ".log");
        Files.createDirectories(log.getParent());
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("PerfTest did not finish; see " + log);
        }
        double elapsed = seconds(start);
        String output = Files.readString(log);
        Matcher rate = Pattern.compile("sending rate avg: (\\d+) msg/s").matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in PerfTest's output; see " + log);
        }
        long depth = publisher.messageCount(PERF_TEST_QUEUE);
        deletePerfTestQueue();
        double msgPerSecond = Double.parseDouble(rate.group(1));
        results.add(String.format(Locale.ROOT,
                "PerfTest: %,d persistent %d-byte messages with confirms (window 1000) to a quorum queue: "
                        + "sending rate avg %,.0f msg/s (process wall time %.1f s, JVM start included); queue depth afterwards %,d",
                ACCOUNTS, messageSize, msgPerSecond, elapsed, depth));
        return msgPerSecond;
    }

    private void deletePerfTestQueue() throws IOException {
        try (var connection = Lanes.rabbit().connectionFactory().newConnection("bench cleanup")) {
            connection.createChannel().queueDelete(PERF_TEST_QUEUE);
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
