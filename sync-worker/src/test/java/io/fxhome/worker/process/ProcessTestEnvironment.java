package io.fxhome.worker.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.postgresql.ds.PGSimpleDataSource;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import io.fxhome.job.RabbitConnectionSettings;
import io.fxhome.job.SyncJobPublisher;
import io.fxhome.job.SyncTopology;
import io.fxhome.process.testing.AppProcess;
import io.fxhome.sandbox.SandboxOptions;
import io.fxhome.sandbox.SandboxServer;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.secrets.MasterKeyRing;

/**
 * What process-level tests share: the sandbox, the test database, a job namespace of their own on the real broker,
 * and the environment a worker process gets to use all three.
 */
public final class ProcessTestEnvironment implements AutoCloseable {
    /** The same test-only key as the worker's %test profile. */
    static final String MASTER_KEY = "dGVzdC1vbmx5LW1hc3Rlci1rZXktMzItYnl0ZXMhISE=";
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(2), Duration.ofSeconds(10));

    final SandboxServer sandbox;
    final PGSimpleDataSource db;
    final AccountSecretsCipher cipher;
    final SyncTopology topology;
    final SyncJobPublisher publisher;
    private final RabbitConnectionSettings rabbit = new RabbitConnectionSettings("127.0.0.1", 5672, "guest", "guest", "/");

    ProcessTestEnvironment(String namespace) throws IOException, TimeoutException {
        sandbox = SandboxServer.start(SandboxOptions.defaults().withScryptN(1024));
        db = new PGSimpleDataSource();
        db.setURL(System.getProperty("it.jdbc-url",
                "jdbc:postgresql://" + System.getenv().getOrDefault("FXHOME_TEST_PG_HOST", "127.0.0.1")
                        + ":" + System.getenv().getOrDefault("FXHOME_TEST_PG_PORT", "5432") + "/fxhome_test_worker"));
        db.setUser("fxhome");
        db.setPassword("fxhome");
        cipher = new AccountSecretsCipher(MasterKeyRing.parse(MASTER_KEY, "test key"));
        topology = SyncTopology.of(namespace, RETRY_DELAYS);
        publisher = new SyncJobPublisher(rabbit, topology, Duration.ofSeconds(30), "process-test");
        publisher.checkConnection();
        purgeQueues();
    }

    Map<String, String> workerEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.getURL());
        env.put("QUARKUS_DATASOURCE_USERNAME", "fxhome");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "fxhome");
        env.put("RABBITMQ_HOST", rabbit.host());
        env.put("FXHOME_MASTER_KEY", MASTER_KEY);
        env.put("FXHOME_JOBS_NAMESPACE", topology.namespace());
        env.put("FXHOME_JOBS_RETRY_DELAYS", "2s,10s");
        env.put("FXHOME_FXA_AUTH_URL", sandbox.baseUrl());
        env.put("FXHOME_SYNC_TOKENSERVER_URL", sandbox.baseUrl());
        return env;
    }

    /**
     * Starts the packaged worker ({@code target/quarkus-app}: these tests run after the package phase) with this
     * environment and heap, logging to target/it-logs/NAME.log, and waits until it is ready.
     */
    static AppProcess startWorker(String name, Map<String, String> env, String maxHeap) throws IOException {
        // -Dworker.app-dir=target/other-app measures another packaging of the worker (e.g. a copy of main's).
        Path app = Path.of(System.getProperty("worker.app-dir", "target/quarkus-app"), "quarkus-run.jar");
        return AppProcess.of(app, name).maxHeap(maxHeap)
                .jvmOptions(workerJvmOptions()).environment(env).start().awaitReady(Duration.ofSeconds(180));
    }

    /** Extra JVM options for measuring (e.g. a flight recording in a benchmark): -Dworker.jvm-options="...". */
    static List<String> workerJvmOptions() {
        String extra = System.getProperty("worker.jvm-options", "").strip();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    /** Messages still waiting in the lanes and retry tiers (unacknowledged ones count too). */
    long pendingJobs() throws IOException, TimeoutException {
        long total = 0;
        try (Connection c = rabbit.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            for (String queue : topology.queueNames()) {
                if (!queue.equals(topology.deadQueue())) {
                    total += ch.queueDeclarePassive(queue).getMessageCount();
                }
            }
        }
        return total;
    }

    private void purgeQueues() throws IOException, TimeoutException {
        try (Connection c = rabbit.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            for (String queue : topology.queueNames()) {
                ch.queuePurge(queue);
            }
        }
    }

    @Override
    public void close() {
        publisher.close();
        sandbox.close();
    }
}
