package io.fxhome.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.process.testing.AppProcess;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.CollectionTruth;
import io.fxhome.sandbox.generator.ProfileSpec;

/**
 * The fault suite (./fxhome faults; docs/operations.md): the broker restarted while the worker consumes, the scheduler
 * publishes and the web app asks for syncs; the database restarted in the middle of a sync; the worker killed
 * (SIGKILL) in the middle of one. Each time, every process gets over it by itself, and the system converges: every
 * account equal to the sandbox's truth, no duplicated row, no job left queued or dead-lettered, no lease held.
 * <p>
 * The servers are private instances ({@link PrivatePostgres}, {@link PrivateRabbit}): the machine's shared ones are
 * never restarted. The tests run in order on one system; each starts new activity of its own before its fault.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartFaultIT {
    private static final Duration RECOVERY = Duration.ofMinutes(3);
    private static final Pattern PUBLISHED = Pattern.compile(
            "^fxhome_scheduler_jobs_published_total(?:\\{[^}]*})? ([0-9.E+]+)$",
            Pattern.MULTILINE);

    private SystemUnderFaults system;
    private final List<WebUser> users = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        system = SystemUnderFaults.start();
        for (int i = 0; i < 3; i++) {
            WebUser user = new WebUser("fault-" + i + "-" + UUID.randomUUID() + "@example.test", "fault-pw-" + i);
            system.sandbox.sandbox().createAccount(NewAccount.of(user.email, "fault-pw-" + i)
                    .withVerification(VerificationMode.NONE)
                    .withProfile(ProfileSpec.medium(9_100 + i).withSizes(300, 4_000, 3)));
            users.add(user);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void brokerRestartWhileTheWorkerConsumesTheSchedulerPublishesAndTheWebAppRequestsSyncs() throws Exception {
        Instant phase = Instant.now();
        List<AppProcess> before = system.processes();
        // Sign-ins publish first-link jobs (web app); the scheduler gives the new accounts due times and publishes.
        for (WebUser user : users) {
            user.signIn(system.web, system.db);
        }
        slowStorage();
        awaitSyncWriting(phase);

        system.rabbit.stopNode();
        assertThat(syncsInFlight()).as("syncs in flight as the broker went away").isPositive();
        // While the broker is away: the publishers say so (readiness DOWN), "sync now" answers 503, nothing is lost.
        SystemUnderFaults.awaitNotReady(system.web, Duration.ofSeconds(30));
        SystemUnderFaults.awaitNotReady(system.scheduler, Duration.ofSeconds(30));
        assertThat(users.get(0).syncNow(system.web)).isEqualTo(503);
        system.rabbit.startNode();
        Instant recovered = Instant.now();
        double publishedAtRestart = jobsPublished();

        system.awaitHealthy(before, Duration.ofSeconds(90));
        // The web app publishes again without a restart: "sync now" is accepted for everyone.
        syncNowForEveryone(" accepted after the broker restart", Duration.ofSeconds(60));
        // The scheduler publishes again without a restart.
        await("the scheduler publishing again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> jobsPublished() > publishedAtRestart);
        fastStorage();
        Convergence.awaitConverged(system, users, recovered, RECOVERY);
    }

    @Test
    @Order(2)
    void databaseRestartInTheMiddleOfASync() throws Exception {
        Instant phase = Instant.now();
        List<AppProcess> before = system.processes();
        addHistory(phase, 3_000);
        slowStorage();
        syncNowForEveryone("", Duration.ofSeconds(30));
        awaitSyncWriting(phase);

        system.postgres.stopServer();
        SystemUnderFaults.awaitNotReady(system.worker, Duration.ofSeconds(30));
        SystemUnderFaults.awaitNotReady(system.web, Duration.ofSeconds(30));
        system.postgres.startServer();
        Instant recovered = Instant.now();

        system.awaitHealthy(before, Duration.ofSeconds(90));
        fastStorage();
        syncNowForEveryone(" accepted after the database restart", Duration.ofSeconds(60));
        Convergence.awaitConverged(system, users, recovered, RECOVERY);
    }

    @Test
    @Order(3)
    void workerKilledInTheMiddleOfASync() throws Exception {
        Instant phase = Instant.now();
        addHistory(phase, 3_000);
        slowStorage();
        syncNowForEveryone("", Duration.ofSeconds(30));
        awaitSyncWriting(phase);

        AppProcess killed = system.worker;
        killed.kill();
        Instant recovered = Instant.now();
        // The dead worker's live progress rows stay: it was killed in the middle of syncs.
        assertThat(syncsInFlight()).as("syncs in flight as the worker died").isPositive();
        fastStorage();
        // The scheduler and the web app go on; a new worker takes the unacknowledged jobs over.
        system.startAnotherWorker("faults-worker-2");
        system.awaitHealthy(List.of(system.scheduler, system.web), Duration.ofSeconds(90));
        Convergence.awaitConverged(system, users, recovered, RECOVERY);
    }

    /**
     * A sync that outlives a broker restart: its delivery came on a channel that is gone (the broker requeued it), so
     * it must not be acknowledged on the new one, where its delivery tag means another job or none (RabbitMQ then closes
     * the channel, and a worker whose consumer is not re-registered takes nothing more). The worker keeps consuming.
     */
    @Test
    @Order(4)
    void aSyncThatOutlivesABrokerRestartLeavesTheWorkerConsuming() throws Exception {
        Instant phase = Instant.now();
        List<AppProcess> before = system.processes();
        addHistory(phase, 3_000);
        system.sandbox.sandbox().latency(null, 4_000);
        for (WebUser user : users) {
            if (user.accountId() == null) {
                user.signIn(system.web, system.db); // run alone (-Dit.test=RestartFaultIT#aSync*)
            }
        }
        syncNowForEveryone("", Duration.ofSeconds(30));
        awaitSyncWriting(phase);

        system.rabbit.stopNode();
        system.rabbit.startNode();
        system.awaitHealthy(before, Duration.ofSeconds(90));
        assertThat(syncsInFlight()).as("syncs still in flight after the broker came back").isPositive();
        fastStorage();
        Instant settled = Instant.now();
        await("the syncs that outlived the restart settled").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> syncsInFlight() == 0);

        // New work after the stale deliveries were settled: every account syncs again and converges.
        addHistory(settled, 50);
        syncNowForEveryone(" after the restart", Duration.ofSeconds(60));
        Convergence.awaitConverged(system, users, settled, RECOVERY);
        assertThat(system.rabbit.log()).as("the broker's log: channels closed for an acknowledgement on the wrong one")
                .doesNotContain("unknown delivery tag");
    }

    /** "Sync now" for every user, asked again until accepted (202). */
    private void syncNowForEveryone(String when, Duration timeout) {
        for (WebUser user : users) {
            await("sync now of " + user + when).atMost(timeout).pollInterval(Duration.ofSeconds(1))
                    .until(() -> user.syncNow(system.web) == 202);
        }
    }

    /** Every storage answer takes 250 ms: a sync of a few thousand records spans seconds, so a fault lands inside. */
    private void slowStorage() {
        system.sandbox.sandbox().latency(null, 250);
    }

    private void fastStorage() {
        system.sandbox.sandbox().latency(null, 0);
    }

    /** Another Firefox adds {@code count} history records to each account (new URLs, the visits of existing ones). */
    private void addHistory(Instant phase, int count) {
        for (WebUser user : users) {
            CollectionTruth history = system.sandbox.sandbox().truth(user.email).collection("history");
            List<String> ids = new ArrayList<>(new TreeSet<>(history.records().keySet()));
            for (int i = 0; i < count; i++) {
                ObjectNode record = history.cleartext(ids.get(i % ids.size())).deepCopy();
                if (!record.has("histUri")) {
                    continue;
                }
                record.remove("id");
                record.put("histUri", "https://faults.example/" + phase.toEpochMilli() + "/" + i);
                record.put("title", "added at " + phase + " #" + i);
                system.sandbox.sandbox().upsertRecord(user.email, "history", record);
            }
        }
    }

    /** Waits until a sync that started in this phase has written records (its live progress row says so). */
    private void awaitSyncWriting(Instant phase) {
        await("a sync writing records").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
            try (var c = system.db.getConnection();
                    var ps = c.prepareStatement(
                            "select count(*) from sync_progress where run_started_at > ? and records_done > 0")) {
                ps.setTimestamp(1, Timestamp.from(phase));
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            }
        });
    }

    private long syncsInFlight() throws Exception {
        try (var c = system.db.getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery("select count(*) from sync_progress")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private double jobsPublished() throws Exception {
        Matcher m = PUBLISHED.matcher(system.scheduler.get("/q/metrics").body());
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }
}
