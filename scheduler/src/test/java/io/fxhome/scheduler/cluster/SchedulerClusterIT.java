package io.fxhome.scheduler.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncTopology;
import io.fxhome.process.testing.AppProcess;
import io.fxhome.scheduler.testsupport.Lanes;

/**
 * Two packaged scheduler processes on one database and one broker, as in production: every due account is published
 * exactly once, and when the instance that runs the ticks is killed the other takes over (Quartz cluster failover).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulerClusterIT {
    private static final String PG_URL = "jdbc:postgresql://" + System.getenv().getOrDefault("FXHOME_TEST_PG_HOST", "127.0.0.1")
            + ":"
            + System.getenv().getOrDefault("FXHOME_TEST_PG_PORT", "5432") + "/fxhome_test_scheduler";
    private static final SyncTopology TOPOLOGY = SyncTopology.of(
            "fxhome-it-" + UUID.randomUUID().toString().substring(0, 8) + ".sync",
            SyncTopology.DEFAULT_RETRY_DELAYS);

    private static AppProcess a;
    private static AppProcess b;
    private Lanes lanes;

    @BeforeAll
    static void startTwoSchedulers() throws Exception {
        clearAccounts();
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.datasource.jdbc.url", PG_URL);
        properties.put("quarkus.datasource.username", "fxhome");
        properties.put("quarkus.datasource.password", "fxhome");
        properties.put("rabbitmq-host", Lanes.rabbit().host());
        properties.put("fxhome.jobs.namespace", TOPOLOGY.namespace());
        properties.put("fxhome.scheduler.tick-interval", "1s");
        properties.put("fxhome.scheduler.batch-size", "200");
        a = start("it-a", properties);
        b = start("it-b", properties);
        a.awaitReady(Duration.ofSeconds(120));
        b.awaitReady(Duration.ofSeconds(120));
    }

    /** One packaged scheduler, named in its log lines and as its Quartz cluster member. */
    private static AppProcess start(String name, Map<String, String> properties) throws IOException {
        Map<String, String> own = new HashMap<>(properties);
        own.put("fxhome.scheduler.instance-name", name);
        // The Quartz cluster member id too, so the test can watch the survivor clean up after the killed one.
        own.put("quarkus.quartz.instance-id", name);
        Path jar = Path.of(System.getProperty("fxhome.scheduler.app.jar", "target/quarkus-app/quarkus-run.jar"));
        return AppProcess.of(jar, name).properties(own).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        clearAccounts();
        deleteStoredTick();
        Lanes.delete(TOPOLOGY);
    }

    @BeforeEach
    void openLanes() {
        lanes = new Lanes(TOPOLOGY);
    }

    @AfterEach
    void closeLanes() {
        lanes.purge();
        lanes.close();
    }

    @Test
    @Order(1)
    void twoProcessesPublishEachDueAccountExactlyOnce() throws Exception {
        int perWave = 2000;
        int waves = 3;
        for (int wave = 0; wave < waves; wave++) {
            insertDueAccounts(perWave);
            Thread.sleep(700);
        }

        List<SyncJob> jobs = lanes.drain(TOPOLOGY.scheduledQueue(), Duration.ofSeconds(90), perWave * waves);
        // A few more ticks: nothing else may come (each account's next due time is 15 minutes away).
        Thread.sleep(4000);
        jobs.addAll(lanes.drainScheduled());

        assertEachAccountExactlyOnce(jobs);
        assertThat(dueAccounts()).isZero();
        // Both processes' own logs account for every job between them.
        assertThat(publishedPerLog(a) + publishedPerLog(b)).isEqualTo(perWave * waves);
    }

    @Test
    @Order(2)
    void overlappingTicksOfBothProcessesStillPublishEachAccountOnce() throws Exception {
        clearAccounts();
        int before = publishedPerLog(a) + publishedPerLog(b);
        int count = 20_000;
        // Quartz lets only one process tick at a time; an operator's manual tick on each process does not wait for
        // it: three ticks overlap on the same due accounts, and SKIP LOCKED must keep them apart.
        insertDueAccounts(count);
        var onA = CompletableFuture.supplyAsync(() -> post(a, "/api/scheduler/tick"));
        var onB = CompletableFuture.supplyAsync(() -> post(b, "/api/scheduler/tick"));

        List<SyncJob> jobs = lanes.drain(TOPOLOGY.scheduledQueue(), Duration.ofSeconds(120), count);
        Thread.sleep(3000);
        jobs.addAll(lanes.drainScheduled());

        assertEachAccountExactlyOnce(jobs);
        assertThat(onA.get()).as("manual tick on it-a").isIn(200, 409);
        assertThat(onB.get()).as("manual tick on it-b").isIn(200, 409);
        int publishedByA = publishedPerLog(a);
        int publishedByB = publishedPerLog(b);
        assertThat(publishedByA + publishedByB - before).isEqualTo(count);
    }

    @Test
    @Order(3)
    void whenTheTickingInstanceIsKilledTheOtherTakesOver() throws Exception {
        String lastTicker = awaitLastTickInstance(Duration.ofSeconds(30));
        AppProcess victim = lastTicker.equals(a.name()) ? a : b;
        AppProcess survivor = victim == a ? b : a;
        String quartzIdOfVictim = victim.name();
        assertThat(quartzInstances()).contains(a.name(), b.name());

        victim.kill();
        Instant killedAt = Instant.now();
        clearAccounts();
        insertDueAccounts(3000);

        List<SyncJob> jobs = lanes.drain(TOPOLOGY.scheduledQueue(), Duration.ofSeconds(120), 3000);
        Thread.sleep(3000);
        jobs.addAll(lanes.drainScheduled());

        assertEachAccountExactlyOnce(jobs);
        assertThat(lastTick()).satisfies(tick -> {
            assertThat(tick.instance()).isEqualTo(survivor.name());
            assertThat(tick.startedAt()).isAfter(killedAt);
        });
        // Quartz on the survivor notices the missed check-ins and recovers the dead instance's state.
        await("Quartz forgets the killed instance " + quartzIdOfVictim).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1)).until(() -> !quartzInstances().contains(quartzIdOfVictim));
        assertThat(quartzInstances()).doesNotContain(quartzIdOfVictim).isNotEmpty();
        assertThat(survivor.logText()).contains("ClusterManager: detected 1 failed or restarted instances");
    }

    private static void assertEachAccountExactlyOnce(List<SyncJob> jobs) throws SQLException {
        Map<UUID, Long> perAccount = jobs.stream().collect(Collectors.groupingBy(SyncJob::accountId, Collectors.counting()));
        assertThat(perAccount.keySet()).containsExactlyInAnyOrderElementsOf(accountIds());
        assertThat(perAccount.values()).containsOnly(1L);
    }

    /** Sum of "N jobs published" over the ticks this process logged. */
    private static int publishedPerLog(AppProcess process) throws IOException {
        int total = 0;
        Matcher matcher = Pattern.compile("tick on " + Pattern.quote(process.name()) + ": ([0-9,]+) jobs published")
                .matcher(process.logText());
        while (matcher.find()) {
            total += Integer.parseInt(matcher.group(1).replace(",", ""));
        }
        return total;
    }

    private static int post(AppProcess process, String path) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + process.port() + path))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(120)).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- database helpers (plain JDBC: this test runs outside Quarkus) ----

    private record LastTick(String instance, Instant startedAt) {
    }

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(PG_URL, "fxhome", "fxhome");
    }

    private static void clearAccounts() throws SQLException {
        try (Connection c = db(); var s = c.createStatement()) {
            s.executeUpdate("delete from account");
        } catch (SQLException e) {
            // Before the first start the schema may not exist yet: the processes create it.
            if (!"42P01".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /**
     * The processes stored the tick (every second) in the module's job store, which outlives them: the in-JVM tests of
     * a later run, whose tick is off, would otherwise fire it and see jobs no test published.
     */
    private static void deleteStoredTick() throws SQLException {
        try (Connection c = db(); var s = c.createStatement()) {
            s.executeUpdate("delete from qrtz_fired_triggers where trigger_group = 'fxhome'");
            s.executeUpdate("delete from qrtz_simple_triggers where trigger_group = 'fxhome'");
            s.executeUpdate("delete from qrtz_triggers where trigger_group = 'fxhome'");
            s.executeUpdate("delete from qrtz_job_details where job_group = 'fxhome'");
            s.executeUpdate("delete from qrtz_scheduler_state where instance_name in ('it-a', 'it-b')");
        }
    }

    private static void insertDueAccounts(int count) throws SQLException {
        try (Connection c = db();
                PreparedStatement insert = c.prepareStatement(
                        """
                                insert into account (id, fxa_uid, email, status, created_at, last_seen_at, next_sync_at)
                                select u, 'uid-' || u, u || '@example.com', 'active', now() - interval '2 days', now(), now() - interval '1 minute'
                                  from (select gen_random_uuid() as u from generate_series(1, ?)) ids""")) {
            insert.setInt(1, count);
            insert.executeUpdate();
        }
    }

    private static List<UUID> accountIds() throws SQLException {
        try (Connection c = db(); var s = c.createStatement(); ResultSet rows = s.executeQuery("select id from account")) {
            var ids = new ArrayList<UUID>();
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
            return ids;
        }
    }

    private static long dueAccounts() throws SQLException {
        try (Connection c = db();
                var s = c.createStatement();
                ResultSet row = s
                        .executeQuery("select count(*) from account where status = 'active' and next_sync_at <= now()")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static LastTick lastTick() throws SQLException {
        try (Connection c = db();
                var s = c.createStatement();
                ResultSet row = s
                        .executeQuery("select last_tick_instance, last_tick_started_at from scheduler_control where id = 1")) {
            row.next();
            var started = row.getObject(2, OffsetDateTime.class);
            return new LastTick(row.getString(1), started == null ? null : started.toInstant());
        }
    }

    private static String awaitLastTickInstance(Duration timeout) {
        return await("a tick recorded by it-a or it-b").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> lastTick().instance(), instance -> instance != null && instance.startsWith("it-"));
    }

    private static List<String> quartzInstances() throws SQLException {
        try (Connection c = db();
                var s = c.createStatement();
                ResultSet rows = s.executeQuery("select instance_name from qrtz_scheduler_state")) {
            var names = new ArrayList<String>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }
}
