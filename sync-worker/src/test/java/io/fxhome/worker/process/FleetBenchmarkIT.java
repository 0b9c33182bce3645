package io.fxhome.worker.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;

import io.fxhome.job.RabbitConnectionSettings;
import io.fxhome.job.SyncTopology;
import io.fxhome.process.testing.AppProcess;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.OfflineLink;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.SandboxOptions;
import io.fxhome.sandbox.SandboxServer;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.secrets.AccountSecrets;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.secrets.MasterKeyRing;
import io.fxhome.secrets.SealedAccountSecrets;
import io.fxhome.sync.fxa.FxaConfig;

/**
 * The fleet benchmark (not part of the normal build; docs/benchmarks.md, "A fleet under load"): bench.accounts linked
 * sandbox accounts on a bench.interval schedule, synced by the packaged worker as the packaged scheduler enqueues them,
 * while the packaged web app serves steady traffic (wrk). Phases: the web app warmed up, then idle; the first syncs;
 * nothing new (every sync finds nothing); a few changes (a share of the accounts gets records, and probe accounts
 * signed in through the web app measure the delay from a change in the sandbox to the web app's API); the scheduler
 * stopped, and the web app idle again. It samples the worker's slots gauge and the queues' depth every second throughout.
 * Figures go to stdout and target/bench/fleet/.
 */
class FleetBenchmarkIT {
    private static final int ACCOUNTS = Integer.getInteger("bench.accounts", 10_000);
    private static final Duration INTERVAL = Duration.ofSeconds(Integer.getInteger("bench.interval", 10));
    private static final int PHASE_SECONDS = Integer.getInteger("bench.phase", 60);
    /** Accounts that get a few new records per second in the changes phase. */
    private static final int CHANGES_PER_SECOND = Integer.getInteger("bench.changes", 50);
    private static final int RECORDS_PER_CHANGE = 3;
    /**
     * Phases with changes, one after the other; the last one's figures are the run's. The first changed syncs after a
     * start run code that no sync has yet run (the merge, not the first sync's append): with 2, the first phase shows the
     * JIT compiling it, the second the worker as it runs for days.
     */
    private static final int CHANGES_ROUNDS = Integer.getInteger("bench.changes-rounds", 1);
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);
    private static final int PROBES = Integer.getInteger("bench.probes", 3);
    /**
     * How often a probe asks the web app for its history until its change is listed: the delay's resolution, and
     * web traffic of its own in the changes phase (3 probes at 100 ms, the default, about 25 requests a second).
     */
    private static final int PROBE_POLL_MS = Integer.getInteger("bench.probe-poll-ms", 100);
    /** How long the backlog may take to drain after the scheduler stopped (a pair on a loaded machine shortens it). */
    private static final int DRAIN_SECONDS = Integer.getInteger("bench.drain-seconds", 600);
    /** Steady web traffic: wrk connections, each waiting this long between requests. */
    private static final int WEB_CONNECTIONS = Integer.getInteger("bench.web.connections", 4);
    private static final int WEB_DELAY_MS = Integer.getInteger("bench.web.delay-ms", 10);
    /**
     * The worker's CPU priority below the other processes' ({@code nice -n}; 0, the default: the same), as an operator
     * running it on the web app's host may choose (docs/operations.md).
     */
    private static final int WORKER_NICE = Integer.getInteger("bench.worker-nice", 0);
    /**
     * The worker under SCHED_IDLE ({@code chrt --idle 0}) instead: measured, not how {@code ./fxhome} runs it
     * (docs/benchmarks.md, "SCHED_IDLE for the worker").
     */
    private static final boolean WORKER_IDLE = Boolean.getBoolean("bench.worker-idle");
    private static final String DB = "fxhome_bench_fleet";
    private static final int PG_PORT = Integer.parseInt(System.getenv().getOrDefault("FXHOME_TEST_PG_PORT", "5432"));
    private static final String NAMESPACE = "fxhome.bench.fleet";
    private static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench/fleet"));
    /**
     * Where the packaged worker, web app and scheduler are: this checkout by default; another copy of the three
     * (module/target/quarkus-app under it) measures a baseline on the same machine and load, before and after.
     */
    private static final Path APPS = Path.of(System.getProperty("bench.apps", ".."));
    /**
     * The first of four ports (worker, web app, scheduler, sandbox) when the run must stay in a range of ports (a shared
     * machine); 0, the default: each picks a free one.
     */
    private static final int PORT_BASE = Integer.getInteger("bench.port-base", 0);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final StringBuilder report = new StringBuilder();
    private final List<String> gaugeRows = new ArrayList<>();
    private final AtomicBoolean sampling = new AtomicBoolean(true);
    private String phase = "start";

    @Test
    void fleetUnderLoad() throws Exception {
        Files.createDirectories(OUT);
        createDatabase();
        PGSimpleDataSource db = dataSource("fxhome", DB);
        AccountSecretsCipher cipher = new AccountSecretsCipher(
                MasterKeyRing.parse(ProcessTestEnvironment.MASTER_KEY, "test key"));
        RabbitConnectionSettings rabbit = new RabbitConnectionSettings("127.0.0.1", 5672, "guest", "guest", "/");
        SyncTopology topology = SyncTopology.of(NAMESPACE, ProcessTestEnvironment.RETRY_DELAYS);
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().withScryptN(1024),
                port(3))) {
            Sandbox sandbox = server.sandbox();
            line("%d accounts, interval %s, %d s phases, worker concurrency %d, worker nice %d%s, %d cores, autogroup %s, load %s",
                    ACCOUNTS, INTERVAL, PHASE_SECONDS, CONCURRENCY, WORKER_NICE, WORKER_IDLE ? " under SCHED_IDLE" : "",
                    Runtime.getRuntime().availableProcessors(), autogroup(), loadAverage());
            Instant t = Instant.now();
            List<String> emails = createAccounts(sandbox);
            line("sandbox accounts created in %d s", Duration.between(t, Instant.now()).toSeconds());

            Map<String, String> env = new java.util.HashMap<>();
            env.put("QUARKUS_DATASOURCE_JDBC_URL", db.getURL());
            env.put("QUARKUS_DATASOURCE_USERNAME", "fxhome");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "fxhome");
            env.put("RABBITMQ_HOST", "127.0.0.1");
            env.put("FXHOME_MASTER_KEY", ProcessTestEnvironment.MASTER_KEY);
            env.put("FXHOME_JOBS_NAMESPACE", NAMESPACE);
            env.put("FXHOME_JOBS_RETRY_DELAYS", "2s,10s");
            env.put("FXHOME_FXA_AUTH_URL", server.baseUrl());
            env.put("FXHOME_SYNC_TOKENSERVER_URL", server.baseUrl());
            Map<String, String> workerEnv = new java.util.HashMap<>(env);
            workerEnv.put("FXHOME_WORKER_CONCURRENCY", Integer.toString(CONCURRENCY));
            workerEnv.put("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", Integer.toString(2 * CONCURRENCY + 4));
            Map<String, String> schedulerEnv = new java.util.HashMap<>(env);
            schedulerEnv.put("FXHOME_SCHEDULER_TICK_INTERVAL", "1s");
            schedulerEnv.put("FXHOME_SCHEDULER_POLICY_RECENT_INTERVAL", INTERVAL.toSeconds() + "s");
            schedulerEnv.put("FXHOME_SCHEDULER_POLICY_BUSY_SPEEDUP", "1");
            schedulerEnv.put("FXHOME_SCHEDULER_POLICY_MIN_INTERVAL", "1s");

            String workerJvm = System.getProperty("worker.jvm-options", "").strip();
            try (AppProcess worker = AppProcess.of(app("sync-worker"), "fleet-worker")
                    .maxHeap(System.getProperty("bench.heap", "1g"))
                    .niceness(WORKER_NICE)
                    .idleScheduling(WORKER_IDLE)
                    .jvmOptions(workerJvm.isEmpty() ? List.of() : List.of(workerJvm.split("\\s+")))
                    .properties(port(0) == 0 ? Map.of() : Map.of("quarkus.http.port", Integer.toString(port(0))))
                    .environment(workerEnv).start().awaitReady(Duration.ofSeconds(180));
                    AppProcess web = AppProcess.of(app("web-app"), "fleet-web")
                            .maxHeap("512m")
                            .properties(port(1) == 0 ? Map.of() : Map.of("quarkus.http.port", Integer.toString(port(1))))
                            .environment(env).start().awaitReady(Duration.ofSeconds(180))) {
                purgeQueues(rabbit, topology);
                t = Instant.now();
                seed(db, cipher, sandbox, emails);
                line("%d accounts linked (bench-only seeding of sealed sandbox-issued tokens) in %d s", ACCOUNTS,
                        Duration.between(t, Instant.now()).toSeconds());
                List<Probe> probes = signInProbes(sandbox, web, db);
                Thread sampler = Thread.ofPlatform().daemon().start(() -> sampleGauge(worker, rabbit, topology));

                Cpu cpu = new Cpu(db, worker.pid(), web.pid());
                // The idle figure is the warm web app's: its first seconds (JIT compiling) would make it the slower.
                // Warmed with the probes' requests too, which it first serves in the changes phase: compiling them then
                // took two fifths of its CPU from 5 to 25 s into that phase (perf).
                phase = "warm-up";
                Thread probeWarmUp = Thread.ofPlatform().start(() -> pollHistory(web, probes, 20));
                wrk(web, probes.get(0).cookie, "web-warm-up", 20);
                probeWarmUp.join();
                phase = "idle";
                line("web app idle (before, after a 20 s warm-up): %s", idle(cpu, web, probes.get(0).cookie,
                        "web-idle-before"));

                AppProcess scheduler = AppProcess.of(app("scheduler"),
                        "fleet-scheduler")
                        .properties(port(2) == 0 ? Map.of() : Map.of("quarkus.http.port", Integer.toString(port(2))))
                        .environment(schedulerEnv).start().awaitReady(Duration.ofSeconds(180));
                cpu.scheduler = scheduler.pid();
                phase = "first-syncs";
                t = Instant.now();
                awaitFirstSyncs(db);
                line("first syncs of all accounts done in %d s", Duration.between(t, Instant.now()).toSeconds());
                vacuum(db);

                phase = "nothing-new";
                Result quiet = measure(db, cpu, web, probes.get(0).cookie, null, null);
                line("nothing new: %s", quiet);

                phase = "changes";
                Result changes = null;
                for (int round = 1; round <= CHANGES_ROUNDS; round++) {
                    Mutator mutator = new Mutator(sandbox, emails);
                    VisibilityProbe visibility = new VisibilityProbe(sandbox, web, probes);
                    changes = measure(db, cpu, web, probes.get(0).cookie, mutator, visibility);
                    String which = round == CHANGES_ROUNDS ? "" : String.format(" (round %d of %d)", round, CHANGES_ROUNDS);
                    line("with changes%s: %s", which, changes);
                    line("change to visible in the web app's API%s: %s (goal: interval %d s + 10 %% jitter + 5 s)",
                            which, visibility.summary(), INTERVAL.toSeconds());
                }
                perSync(quiet, changes);

                phase = "stopped";
                scheduler.close();
                Instant stopped = Instant.now();
                long left = awaitDrained(rabbit, topology);
                line(left == 0 ? "queues drained %d s after the scheduler stopped"
                        : "queues not drained %d s after the scheduler stopped: " + left + " jobs left",
                        Duration.between(stopped, Instant.now()).toSeconds());
                Thread.sleep(10_000);
                phase = "idle";
                line("web app idle (after): %s", idle(cpu, web, probes.get(0).cookie, "web-idle-after"));
                sampling.set(false);
                sampler.join();
            }
        }
        Files.writeString(OUT.resolve("gauge.csv"), "seconds,phase,in_flight,slots,busy_ratio,busy_rate,queued\n"
                + String.join("\n", gaugeRows) + "\n");
        Files.writeString(OUT.resolve("fleet-benchmark.txt"), report);
        System.out.println("\n=== fleet benchmark ===\n" + report);
    }

    // ------------------------------------------------------------------ setup

    /** The n-th port of the run's range, or 0 (a free port) when none is given. */
    private static int port(int n) {
        return PORT_BASE == 0 ? 0 : PORT_BASE + n;
    }

    private static Path app(String module) {
        return APPS.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static PGSimpleDataSource dataSource(String user, String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        // FXHOME_TEST_PG_PORT: a private PostgreSQL per checkout, as the other process tests.
        ds.setURL("jdbc:postgresql://127.0.0.1:" + PG_PORT + "/" + database);
        ds.setUser(user);
        ds.setPassword(user.equals("fxhome") ? "fxhome" : null);
        ds.setReWriteBatchedInserts(true);
        return ds;
    }

    private static void createDatabase() throws SQLException {
        try (Connection c = dataSource("postgres", "postgres").getConnection(); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + DB + " with (force)");
            st.execute("create database " + DB + " owner fxhome");
        }
    }

    /** Small profiles: a few dozen records, so that the first syncs are short and the later ones find nothing. */
    private static List<String> createAccounts(Sandbox sandbox) throws InterruptedException {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS + PROBES; i++) {
            emails.add("fleet-" + i + "@example.test");
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
            for (int i = 0; i < emails.size(); i++) {
                int n = i;
                NewAccount spec = NewAccount.of(emails.get(n), "fleet-pw")
                        .withProfile(ProfileSpec.small(5000 + n).withSizes(10, 20, 2).withHostile(false));
                // The fleet is linked with offline links (seed) and never signs in: accounts without a password
                // (a passkey's or Google's, as FxA has them) spare 10,000 password stretchings (PBKDF2 and scrypt),
                // most of the set-up's time. The probes sign in with their password through the web app.
                pool.submit(() -> sandbox.createAccount(n < ACCOUNTS ? spec.withoutPassword() : spec));
            }
        }
        return emails;
    }

    /**
     * Links the fleet accounts as the web app's sign-in leaves them (an account row and its sealed secrets), with the
     * refresh token and keys the sandbox issues for an offline link instead of 10,000 password sign-ins; the next sync
     * time is left unset, so that the scheduler spreads the first syncs over one interval.
     */
    private static void seed(PGSimpleDataSource db, AccountSecretsCipher cipher, Sandbox sandbox, List<String> emails)
            throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement account = c.prepareStatement(
                    "insert into account (id, fxa_uid, email, last_seen_at) values (?, ?, ?, now())");
                    PreparedStatement secret = c.prepareStatement(
                            """
                                    insert into account_secret (account_id, master_key_version, wrapped_data_key, refresh_token,
                                                                sync_key_bundle, key_id, updated_at) values (?, ?, ?, ?, ?, ?, now())""")) {
                for (int i = 0; i < ACCOUNTS; i++) {
                    OfflineLink link = sandbox.issueOfflineLink(emails.get(i), FxaConfig.DEFAULT_CLIENT_ID);
                    UUID id = UUID.randomUUID();
                    SealedAccountSecrets sealed = cipher.seal(id,
                            new AccountSecrets(link.refreshToken(), link.kSync(), link.keyId()));
                    account.setObject(1, id);
                    account.setString(2, link.uid());
                    account.setString(3, link.email());
                    account.addBatch();
                    secret.setObject(1, id);
                    secret.setInt(2, sealed.masterKeyVersion());
                    secret.setBytes(3, sealed.wrappedDataKey());
                    secret.setBytes(4, sealed.refreshToken());
                    secret.setBytes(5, sealed.syncKeyBundle());
                    secret.setBytes(6, sealed.keyId());
                    secret.addBatch();
                    if (i % 1000 == 999 || i == ACCOUNTS - 1) {
                        account.executeBatch();
                        secret.executeBatch();
                        c.commit();
                    }
                }
            }
        }
    }

    record Probe(String email, String cookie, UUID account) {
    }

    /** The probe accounts sign in through the web app's password sign-in, as a user would. */
    private static List<Probe> signInProbes(Sandbox sandbox, AppProcess web, PGSimpleDataSource db) throws Exception {
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < PROBES; i++) {
            String email = "fleet-" + (ACCOUNTS + i) + "@example.test";
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base(web) + "/api/v1/session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            JSON.createObjectNode().put("email", email).put("password", "fleet-pw").toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String cookie = r.headers().allValues("set-cookie").stream().filter(v -> v.startsWith("fxhome_session="))
                    .map(v -> v.substring(0, v.indexOf(';'))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no session for " + email + ": " + r.statusCode()
                            + " " + r.body()));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!get(web, "/api/v1/sync", cookie).contains("\"firstSyncDone\":true")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("first sync of probe " + email + " did not finish");
                }
                Thread.sleep(250);
            }
            UUID id;
            // The web app schedules a new link's next sync one default interval (15 min) ahead; the scheduler puts an
            // unscheduled account on the bench's interval.
            try (Connection c = db.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "update account set next_sync_at = null where email = ? returning id")) {
                ps.setString(1, email);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getObject(1, UUID.class);
                }
            }
            probes.add(new Probe(email, cookie, id));
        }
        return probes;
    }

    private static void awaitFirstSyncs(PGSimpleDataSource db) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (scalar(db, "select count(*) from account a where not exists "
                + "(select 1 from sync_run r where r.account_id = a.id and r.outcome = 'done')") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("first syncs did not finish in 30 minutes");
            }
            Thread.sleep(1000);
        }
    }

    private static void vacuum(PGSimpleDataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("vacuum analyze");
        }
    }

    // ------------------------------------------------------------------ a measured phase

    record Result(int seconds, long syncs, long withChanges, long otherOutcomes, double workerCpu, double pgCpu,
            double brokerCpu, double schedulerCpu, double webCpu, double sandboxCpu, Wrk web, WebWait webWait,
            long commits) {
        double perSecond() {
            return (double) syncs / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "%d syncs in %d s = %.0f/s (%d found changes, %d not done); CPU s: worker %.1f, PostgreSQL %.1f, "
                            + "broker %.1f, scheduler %.1f, web %.1f, sandbox+driver %.1f; %d commits; web under load: %s; %s",
                    syncs, seconds, perSecond(), withChanges, otherOutcomes, workerCpu, pgCpu, brokerCpu, schedulerCpu,
                    webCpu, sandboxCpu, commits, web, webWait);
        }
    }

    private Result measure(PGSimpleDataSource db, Cpu cpu, AppProcess web, String cookie, Mutator mutator,
            VisibilityProbe visibility) throws Exception {
        Thread.sleep(5000); // the phase settles
        long commits0 = scalar(db, "select xact_commit from pg_stat_database where datname = '" + DB + "'");
        cpu.reset();
        Instant start = Instant.now();
        Thread mutating = mutator == null ? null : Thread.ofPlatform().start(() -> mutator.run(PHASE_SECONDS));
        Thread probing = visibility == null ? null : Thread.ofPlatform().start(() -> visibility.run(PHASE_SECONDS));
        Wrk wrk = wrk(web, cookie, "web-" + phase, PHASE_SECONDS);
        // The web app's wait over wrk's requests only: the visibility probes may go on polling a few seconds longer.
        cpu.sample();
        WebWait webWait = cpu.webWait(wrk);
        if (mutating != null) {
            mutating.join();
        }
        if (probing != null) {
            probing.join();
        }
        Instant end = Instant.now();
        cpu.sample();
        long commits = scalar(db, "select xact_commit from pg_stat_database where datname = '" + DB + "'") - commits0;
        long syncs;
        long changed;
        long other;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select count(*), count(*) filter (where records_applied > 0 or records_deleted > 0),
                       count(*) filter (where outcome <> 'done')
                  from sync_run where finished_at >= ? and finished_at < ?""")) {
            ps.setTimestamp(1, Timestamp.from(start));
            ps.setTimestamp(2, Timestamp.from(end));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                syncs = rs.getLong(1);
                changed = rs.getLong(2);
                other = rs.getLong(3);
            }
        }
        int seconds = (int) Duration.between(start, end).toSeconds();
        return new Result(seconds, syncs, changed, other, cpu.worker.seconds(), cpu.postgres.seconds(),
                cpu.broker.seconds(), cpu.schedulerCpu.seconds(), cpu.web.seconds(), cpu.self.seconds(), wrk, webWait,
                commits);
    }

    /** The web app's traffic alone for 30 s, and what its requests waited for a core. */
    private static String idle(Cpu cpu, AppProcess web, String cookie, String name) throws Exception {
        cpu.reset();
        Wrk wrk = wrk(web, cookie, name, 30);
        cpu.sample();
        return wrk + "; " + cpu.webWait(wrk);
    }

    /**
     * Time the web app spent runnable but waiting for a core: its threads' (its JIT compiler's and collector's too), and
     * its PostgreSQL backends' (ProcWait), in all and per wrk request. Under load it is what sharing the cores adds to
     * the requests' latency, on average; the p99 is the requests that waited several times.
     */
    record WebWait(double appSeconds, double dbSeconds, long requests) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "the web app waited for a core %.1f s in its threads and %.1f s in its PostgreSQL backends "
                            + "(%.3f and %.3f ms a request)",
                    appSeconds, dbSeconds, 1000 * appSeconds / Math.max(1, requests),
                    1000 * dbSeconds / Math.max(1, requests));
        }
    }

    /**
     * CPU per sync: the nothing-new phase gives a nothing-new sync's; in the changes phase the CPU beyond that many
     * nothing-new syncs is the changed syncs' (their records, and the sandbox's writing of them).
     */
    private void perSync(Result quiet, Result changes) {
        double[] q = { quiet.workerCpu, quiet.pgCpu, quiet.brokerCpu, quiet.schedulerCpu, quiet.sandboxCpu };
        double[] c = { changes.workerCpu, changes.pgCpu, changes.brokerCpu, changes.schedulerCpu, changes.sandboxCpu };
        String[] names = { "worker", "PostgreSQL", "broker", "scheduler", "sandbox+driver" };
        StringBuilder nothing = new StringBuilder();
        StringBuilder changed = new StringBuilder();
        long n1 = changes.withChanges;
        long n0 = changes.syncs - n1;
        for (int i = 0; i < names.length; i++) {
            double per0 = q[i] / Math.max(1, quiet.syncs);
            double per1 = n1 == 0 ? Double.NaN : (c[i] - n0 * per0) / n1;
            nothing.append(String.format(Locale.ROOT, "%s %.2f ms, ", names[i], per0 * 1000));
            changed.append(String.format(Locale.ROOT, "%s %.2f ms, ", names[i], per1 * 1000));
        }
        line("CPU per nothing-new sync: %s", nothing);
        line("CPU per sync that found changes (beyond a nothing-new one's share): %s", changed);
    }

    /** What each process used, sampled once a second (PostgreSQL's backends come and go with the pools). */
    private static final class Cpu {
        final ProcCpu worker = new ProcCpu();
        final ProcCpu postgres = new ProcCpu();
        final ProcCpu broker = new ProcCpu();
        final ProcCpu schedulerCpu = new ProcCpu();
        final ProcCpu web = new ProcCpu();
        final ProcCpu self = new ProcCpu();
        final ProcWait webThreads = new ProcWait();
        final ProcWait webBackends = new ProcWait();
        final PGSimpleDataSource db;
        final long workerPid;
        final long webPid;
        final Set<Long> brokerPids = new HashSet<>();
        volatile long scheduler = -1;

        Cpu(PGSimpleDataSource db, long workerPid, long webPid) {
            this.db = db;
            this.workerPid = workerPid;
            this.webPid = webPid;
            ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").contains("beam.smp"))
                    .forEach(p -> brokerPids.add(p.pid()));
            Thread.ofPlatform().daemon().start(() -> {
                while (true) {
                    sample();
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        synchronized void sample() {
            worker.sample(Set.of(workerPid));
            web.sample(Set.of(webPid));
            self.sample(Set.of(ProcessHandle.current().pid()));
            broker.sample(brokerPids);
            if (scheduler > 0) {
                schedulerCpu.sample(Set.of(scheduler));
            }
            Set<Long> backends = new HashSet<>();
            Set<Long> webBackendPids = new HashSet<>();
            try (Connection c = db.getConnection();
                    PreparedStatement ps = c.prepareStatement("""
                            select pid, client_port = any(?::int[]) from pg_stat_activity
                             where datname = ? and pid <> pg_backend_pid()""")) {
                // The web app's backends by its connections' ports.
                ps.setArray(1, c.createArrayOf("int4", ProcWait.clientPorts(webPid, PG_PORT).toArray()));
                ps.setString(2, DB);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        backends.add(rs.getLong(1));
                        if (rs.getBoolean(2)) {
                            webBackendPids.add(rs.getLong(1));
                        }
                    }
                }
            } catch (SQLException e) {
                return;
            }
            postgres.sample(backends);
            webThreads.sample(Set.of(webPid));
            webBackends.sample(webBackendPids);
        }

        synchronized WebWait webWait(Wrk wrk) {
            return new WebWait(webThreads.seconds(), webBackends.seconds(), wrk.requests());
        }

        synchronized void reset() {
            sample();
            for (ProcCpu p : List.of(worker, postgres, broker, schedulerCpu, web, self)) {
                p.reset();
            }
            webThreads.reset();
            webBackends.reset();
        }
    }

    // ------------------------------------------------------------------ changes and their visibility

    /** Adds a few history records to random fleet accounts, CHANGES_PER_SECOND accounts a second. */
    private record Mutator(Sandbox sandbox, List<String> emails) {
        void run(int seconds) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long period = 1_000_000_000L / Math.max(1, CHANGES_PER_SECOND);
            long next = System.nanoTime();
            while (System.nanoTime() < end) {
                String email = emails.get(ThreadLocalRandom.current().nextInt(ACCOUNTS));
                for (int r = 0; r < RECORDS_PER_CHANGE; r++) {
                    sandbox.upsertRecord(email, "history", visit("https://fleet.example/" + UUID.randomUUID()));
                }
                next += period;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private static ObjectNode visit(String url) {
        ObjectNode o = JSON.createObjectNode().put("histUri", url).put("title", "fleet change");
        o.putArray("visits").addObject().put("date", System.currentTimeMillis() * 1000).put("type", 1);
        return o;
    }

    /**
     * Each probe account (signed in through the web app, on the same schedule as the fleet) gets a new history page in
     * the sandbox every few seconds; the delay is until the web app's history API lists it.
     */
    private static final class VisibilityProbe {
        private final Sandbox sandbox;
        private final AppProcess web;
        private final List<Probe> probes;
        private final List<Long> delaysMs = java.util.Collections.synchronizedList(new ArrayList<>());

        VisibilityProbe(Sandbox sandbox, AppProcess web, List<Probe> probes) {
            this.sandbox = sandbox;
            this.web = web;
            this.probes = probes;
        }

        void run(int seconds) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Thread> threads = new ArrayList<>();
            for (Probe p : probes) {
                threads.add(Thread.ofPlatform().start(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            String url = "https://probe.example/" + UUID.randomUUID();
                            long changed = System.nanoTime();
                            sandbox.upsertRecord(p.email(), "history", visit(url));
                            // Given up after a minute: counted as a minute, over the goal.
                            while (!get(web, "/api/v1/history", p.cookie()).contains(url)
                                    && System.nanoTime() - changed < TimeUnit.SECONDS.toNanos(60)) {
                                Thread.sleep(PROBE_POLL_MS);
                            }
                            delaysMs.add((System.nanoTime() - changed) / 1_000_000);
                            Thread.sleep(ThreadLocalRandom.current().nextLong(1000, 3000));
                        } catch (Exception e) {
                            return;
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        String summary() {
            List<Long> d = new ArrayList<>(delaysMs);
            if (d.isEmpty()) {
                return "no sample";
            }
            d.sort(null);
            long over = d.stream().filter(x -> x > INTERVAL.toMillis() * 11 / 10 + 5000).count();
            return String.format(Locale.ROOT, "%d changes: median %.1f s, max %.1f s, %d over the goal", d.size(),
                    d.get(d.size() / 2) / 1000.0, d.getLast() / 1000.0, over);
        }
    }

    // ------------------------------------------------------------------ web traffic

    record Wrk(long requests, double requestsPerSecond, String p50, String p99, String max) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f req/s, p50 %s, p99 %s, max %s", requestsPerSecond, p50, p99, max);
        }
    }

    /** Steady traffic on GET /api/v1/tabs: WEB_CONNECTIONS connections, each pausing WEB_DELAY_MS between requests. */
    private static Wrk wrk(AppProcess web, String cookie, String name, int seconds) throws Exception {
        Path script = OUT.resolve("steady.lua");
        Files.writeString(script, "function delay()\n  return " + WEB_DELAY_MS + "\nend\n");
        List<String> command = List.of("wrk", "-t1", "-c" + WEB_CONNECTIONS, "-d" + seconds + "s", "--latency", "-s",
                script.toString(), "-H", "Cookie: " + cookie, base(web) + "/api/v1/tabs");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(OUT.resolve(name + ".txt").toFile())
                .start();
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("wrk did not end");
        }
        String out = Files.readString(OUT.resolve(name + ".txt"));
        return new Wrk(Long.parseLong(find(out, "(\\d+) requests in")),
                Double.parseDouble(find(out, "Requests/sec:\\s+([0-9.]+)")), find(out, "\\s50%\\s+(\\S+)"),
                find(out, "\\s99%\\s+(\\S+)"), find(out, "Latency\\s+\\S+\\s+\\S+\\s+(\\S+)"));
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    // ------------------------------------------------------------------ the autoscaling signal

    /** Once a second: the worker's slots gauge and busy counter, and the jobs waiting in the lanes. */
    private void sampleGauge(AppProcess worker, RabbitConnectionSettings rabbit, SyncTopology topology) {
        long t0 = System.nanoTime();
        double lastBusy = -1;
        long lastAt = 0;
        try (com.rabbitmq.client.Connection c = rabbit.connectionFactory().newConnection();
                Channel ch = c.createChannel()) {
            while (sampling.get()) {
                try {
                    String metrics = worker.get("/q/metrics").body();
                    long now = System.nanoTime();
                    double busy = metric(metrics, "fxhome_worker_busy_seconds_total");
                    double rate = lastBusy < 0 ? 0 : (busy - lastBusy) / ((now - lastAt) / 1e9);
                    lastBusy = busy;
                    lastAt = now;
                    long queued = ch.queueDeclarePassive(topology.scheduledQueue()).getMessageCount()
                            + ch.queueDeclarePassive(topology.interactiveQueue()).getMessageCount();
                    double slots = metric(metrics, "fxhome_worker_slots");
                    gaugeRows.add(String.format(Locale.ROOT, "%.0f,%s,%.0f,%.0f,%.3f,%.3f,%d", (now - t0) / 1e9, phase,
                            metric(metrics, "fxhome_worker_accounts_in_flight"), slots,
                            metric(metrics, "fxhome_worker_busy_ratio"), rate / slots, queued));
                } catch (Exception e) {
                    // the next sample will do
                }
                Thread.sleep(1000);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double metric(String metrics, String name) {
        Matcher m = Pattern.compile("^" + name + "(?:\\{[^}]*})? ([0-9.E+-]+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static void purgeQueues(RabbitConnectionSettings rabbit, SyncTopology topology) throws Exception {
        try (com.rabbitmq.client.Connection c = rabbit.connectionFactory().newConnection();
                Channel ch = c.createChannel()) {
            for (String queue : topology.queueNames()) {
                ch.queuePurge(queue);
            }
        }
    }

    /** Waits up to bench.drain-seconds for the scheduled lane to empty; the jobs left then. */
    private static long awaitDrained(RabbitConnectionSettings rabbit, SyncTopology topology) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        try (com.rabbitmq.client.Connection c = rabbit.connectionFactory().newConnection();
                Channel ch = c.createChannel()) {
            // Empty at two readings a second apart: the 10,000-account run once read 0 for a lane of 1.15 million jobs.
            int zeros = 0;
            long left = -1;
            while (zeros < 2 && System.nanoTime() < deadline) {
                left = ch.queueDeclarePassive(topology.scheduledQueue()).getMessageCount();
                zeros = left == 0 ? zeros + 1 : 0;
                Thread.sleep(left == 0 ? 1000 : 500);
            }
            return left;
        }
    }

    // ------------------------------------------------------------------ small helpers

    private static String base(AppProcess app) {
        return "http://127.0.0.1:" + app.port();
    }

    /** The visibility probes' polling of their history, for this many seconds, without changes. */
    private static void pollHistory(AppProcess web, List<Probe> probes, int seconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            while (System.nanoTime() < end) {
                for (Probe p : probes) {
                    get(web, "/api/v1/history", p.cookie());
                }
                Thread.sleep(PROBE_POLL_MS);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("warm-up of the probes' requests failed", e);
        }
    }

    private static String get(AppProcess web, String path, String cookie) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base(web) + path)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long scalar(PGSimpleDataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Linux's autogroup scheduling, which changes how the processes share the cores (docs/operations.md, "One host:
     * the web app first"): on, off, or "?" where the kernel has no such setting.
     */
    private static String autogroup() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/sched_autogroup_enabled")).strip().equals("0") ? "off" : "on";
        } catch (IOException e) {
            return "?";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private void line(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        report.append(s).append('\n');
        System.out.println("[fleet] " + s);
    }
}
