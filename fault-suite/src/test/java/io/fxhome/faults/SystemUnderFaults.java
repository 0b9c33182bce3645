package io.fxhome.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.postgresql.ds.PGSimpleDataSource;

import io.fxhome.process.testing.AppProcess;
import io.fxhome.sandbox.SandboxOptions;
import io.fxhome.sandbox.SandboxServer;

/**
 * The whole system as it is deployed, with servers the fault suite may restart: a private PostgreSQL and a private
 * RabbitMQ node, the sandbox standing in for Mozilla, and the packaged worker, scheduler and web app as OS processes
 * (logs in target/it-logs/). Short intervals everywhere, so that jobs flow all the time: the scheduler ticks every 2 s
 * and syncs a busy account every few seconds, a failed job is retried after 1 s or 3 s.
 */
final class SystemUnderFaults implements AutoCloseable {
    /** The same test-only key as the modules' %test profiles. */
    static final String MASTER_KEY = "dGVzdC1vbmx5LW1hc3Rlci1rZXktMzItYnl0ZXMhISE=";
    /** The one job topology of all three processes (they declare it with the same arguments, or the broker refuses). */
    static final String RETRY_DELAYS = "1s,3s";

    final PrivatePostgres postgres;
    final PrivateRabbit rabbit;
    final SandboxServer sandbox;
    final PGSimpleDataSource db;
    AppProcess worker;
    final AppProcess scheduler;
    final AppProcess web;

    private SystemUnderFaults(PrivatePostgres postgres, PrivateRabbit rabbit, SandboxServer sandbox, AppProcess worker,
            AppProcess scheduler, AppProcess web) {
        this.postgres = postgres;
        this.rabbit = rabbit;
        this.sandbox = sandbox;
        this.db = postgres.dataSource();
        this.worker = worker;
        this.scheduler = scheduler;
        this.web = web;
    }

    static SystemUnderFaults start() throws Exception {
        PrivatePostgres postgres = PrivatePostgres.start();
        PrivateRabbit rabbit = PrivateRabbit.start();
        SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withScryptN(1024));
        Map<String, String> common = commonProperties(postgres, rabbit, sandbox);
        // The worker first: it migrates the empty database (the others would wait on Flyway's lock meanwhile).
        AppProcess worker = startWorker("faults-worker-1", common);
        List<CompletableFuture<AppProcess>> others = List.of(
                CompletableFuture.supplyAsync(() -> started(app("scheduler", "faults-scheduler")
                        .properties(common).properties(schedulerProperties()))),
                CompletableFuture.supplyAsync(() -> started(app("web", "faults-web")
                        .properties(common).properties(webProperties()))));
        return new SystemUnderFaults(postgres, rabbit, sandbox, worker, others.get(0).join(), others.get(1).join());
    }

    /** A new worker process on the same database and broker (after one was killed). */
    AppProcess startAnotherWorker(String name) throws IOException {
        worker = startWorker(name, commonProperties(postgres, rabbit, sandbox));
        return worker;
    }

    List<AppProcess> processes() {
        return List.of(worker, scheduler, web);
    }

    /**
     * Waits until every process reports ready and live again (its own reconnects: nobody restarts it), and checks
     * they are the processes that were running before.
     */
    void awaitHealthy(List<AppProcess> sameAsBefore, Duration timeout) {
        for (AppProcess process : processes()) {
            await(process.name() + " ready again (see " + process.log().toAbsolutePath() + ")").atMost(timeout)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> status(process, "/q/health/ready") == 200 && status(process, "/q/health/live") == 200);
        }
        for (AppProcess process : sameAsBefore) {
            assertThat(process.isAlive()).as(process.name() + " still the same process").isTrue();
        }
        assertThat(processes()).containsAll(sameAsBefore);
    }

    /** Waits until a process's readiness is DOWN: it noticed the fault. */
    static void awaitNotReady(AppProcess process, Duration timeout) {
        await(process.name() + " reporting not ready").atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> status(process, "/q/health/ready") != 200);
    }

    static int status(AppProcess process, String path) {
        try {
            return process.get(path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Jobs in every queue of the private broker, ready and unacknowledged. */
    Map<String, Long> queuedJobs() throws IOException, InterruptedException {
        return rabbit.messagesByQueue();
    }

    /** Account leases (the worker's session advisory locks) held now. */
    long leasesHeld() throws SQLException {
        try (var c = db.getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery("select count(*) from pg_locks where locktype = 'advisory'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, String> commonProperties(PrivatePostgres postgres, PrivateRabbit rabbit,
            SandboxServer sandbox) {
        Map<String, String> p = new HashMap<>();
        p.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(PrivatePostgres.DATABASE));
        p.put("quarkus.datasource.username", "fxhome");
        p.put("quarkus.datasource.password", "fxhome");
        p.put("rabbitmq-host", "127.0.0.1");
        p.put("rabbitmq-port", Integer.toString(rabbit.port()));
        p.put("rabbitmq-username", "guest");
        p.put("rabbitmq-password", "guest");
        p.put("fxhome.master-key", MASTER_KEY);
        p.put("fxhome.jobs.retry-delays", RETRY_DELAYS);
        p.put("fxhome.fxa.auth-url", sandbox.baseUrl());
        p.put("fxhome.fxa.content-url", sandbox.baseUrl());
        p.put("fxhome.fxa.profile-url", sandbox.baseUrl());
        p.put("fxhome.sync.tokenserver-url", sandbox.baseUrl());
        return p;
    }

    private static AppProcess startWorker(String name, Map<String, String> common) throws IOException {
        Map<String, String> p = new HashMap<>(common);
        // Pages of 200 records: a sync writes many pages, so a fault lands in the middle of one.
        p.put("fxhome.worker.page-size", "200");
        // A failed sync may be tried again at once (its job comes back from the 1 s retry tier).
        p.put("fxhome.worker.min-backoff", "PT1S");
        return app("worker", name).properties(p).maxHeap("320m").start().awaitReady(Duration.ofSeconds(180));
    }

    private static Map<String, String> schedulerProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("fxhome.scheduler.tick-interval", "2s");
        p.put("fxhome.scheduler.status-cache", "0s");
        p.put("fxhome.scheduler.policy.recent-interval", "6s");
        p.put("fxhome.scheduler.policy.min-interval", "2s");
        return p;
    }

    private static Map<String, String> webProperties() {
        Map<String, String> p = new HashMap<>();
        // "Sync now" may be asked again after a second (the default 30 s would make the suite wait).
        p.put("fxhome.jobs.interactive.min-interval", "1s");
        // ... and leaves the account due for the scheduler soon after (default 15 m): the scheduler keeps publishing.
        p.put("fxhome.jobs.interactive.next-scheduled-after", "2s");
        return p;
    }

    private static AppProcess.Builder app(String module, String name) {
        Path jar = Path.of(System.getProperty("fxhome.faults." + module + "-jar"));
        return AppProcess.of(jar, name).maxHeap("320m");
    }

    private static AppProcess started(AppProcess.Builder builder) {
        try {
            return builder.start().awaitReady(Duration.ofSeconds(180));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable c : new AutoCloseable[] { web, scheduler, worker, sandbox, rabbit, postgres }) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
