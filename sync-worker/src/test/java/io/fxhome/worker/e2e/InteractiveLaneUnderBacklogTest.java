package io.fxhome.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;

import io.fxhome.job.RabbitConnectionSettings;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncReason;
import io.fxhome.job.SyncTopology;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.worker.config.WorkerConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A new sign-in's first sync starts within seconds while thousands of scheduled jobs wait on the real broker: the
 * interactive lane has slots of its own (WorkerConcurrency). The worker runs 4 accounts at once (1 interactive, 3
 * scheduled); 5,000 scheduled jobs for 8 accounts whose every upstream answer takes 400 ms keep the scheduled slots
 * busy for minutes.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
@TestProfile(InteractiveLaneUnderBacklogTest.SmallWorkerOwnQueues.class)
class InteractiveLaneUnderBacklogTest extends SandboxSyncTestBase {
    private static final int BACKLOG = 5_000;
    private static final Duration BOUND = Duration.ofSeconds(10);

    /** Queues of its own (its backlog is no other test's business), and a worker pinned to 4 slots. */
    public static class SmallWorkerOwnQueues implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fxhome.jobs.namespace", "fxhome.test.backlog", "fxhome.worker.concurrency", "4");
        }
    }

    @Inject
    SyncTopology topology;
    @Inject
    WorkerConfig config;

    private final List<String> slowAccounts = new ArrayList<>();

    @AfterEach
    void dropTheBacklog() throws Exception {
        try (var connection = rabbit().connectionFactory().newConnection("backlog test cleanup")) {
            Channel channel = connection.createChannel();
            for (String queue : topology.queueNames()) {
                channel.queuePurge(queue);
            }
        }
        slowAccounts.forEach(sandbox()::clearFaults);
    }

    @Test
    void aNewSignInsFirstSyncStartsWithinSecondsBehindFiveThousandScheduledJobs() throws Exception {
        assertThat(config.effectiveConcurrency()).isEqualTo(4);
        List<UUID> busy = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String email = "backlog" + i + "-" + UUID.randomUUID() + "@example.test";
            sandbox().createAccount(NewAccount.of(email, "pw").withProfile(ProfileSpec.small(nextSeed()).withSizes(5, 10, 1)));
            busy.add(LinkedAccounts.link(ds, cipher, email, "pw"));
            slowAccounts.add(email);
            sandbox().latency(email, 400);
        }
        List<SyncJob> backlog = new ArrayList<>(BACKLOG);
        for (int i = 0; i < BACKLOG; i++) {
            backlog.add(SyncJob.of(busy.get(i % busy.size()), SyncReason.SCHEDULED, Instant.now()));
        }
        publisher.publishAll(backlog);
        // The scheduled slots are taken (each of those syncs waits 400 ms per upstream answer).
        await().atMost(Duration.ofSeconds(30)).until(() -> runsOf(busy) >= 3);

        String email = "interactive-" + UUID.randomUUID() + "@example.test";
        sandbox().createAccount(NewAccount.of(email, "pw").withProfile(ProfileSpec.small(nextSeed())));
        UUID signedIn = LinkedAccounts.link(ds, cipher, email, "pw");
        long waiting = scheduledDepth();
        Instant published = Instant.now();
        publisher.publish(SyncJob.of(signedIn, SyncReason.FIRST_LINK, published));
        awaitRuns(signedIn, 1);
        Instant started = startedAt(signedIn);
        Duration toStart = Duration.between(published, started);
        long stillWaiting = scheduledDepth();

        System.out.printf("interactive lane under a backlog: first sync started %d ms after its job was published, "
                + "behind %d scheduled jobs waiting (%d still waiting after it ended)%n", toStart.toMillis(), waiting,
                stillWaiting);
        assertThat(waiting).as("scheduled jobs waiting when the interactive one was published")
                .isGreaterThan(BACKLOG - 500L);
        assertThat(stillWaiting).as("the backlog was not drained first").isGreaterThan(BACKLOG - 1_000L);
        assertThat(toStart).isLessThan(BOUND);
        assertThat(rows("select outcome from sync_run where account_id = ?", signedIn)).containsExactly("done");
        assertMirrors(signedIn, sandbox().truth(email));
    }

    private long scheduledDepth() throws Exception {
        try (var connection = rabbit().connectionFactory().newConnection("backlog test depth")) {
            return connection.createChannel().queueDeclarePassive(topology.scheduledQueue()).getMessageCount();
        }
    }

    private int runsOf(List<UUID> accounts) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from sync_run where account_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", accounts.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private Instant startedAt(UUID account) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select started_at from sync_run where account_id = ?")) {
            ps.setObject(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }

    private static RabbitConnectionSettings rabbit() {
        return new RabbitConnectionSettings(System.getenv().getOrDefault("FXHOME_TEST_RABBITMQ_HOST", "127.0.0.1"), 5672,
                "guest", "guest", "/");
    }
}
