package io.fxhome.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import io.fxhome.job.RabbitConnectionSettings;
import io.fxhome.job.SyncMessageHeaders;
import io.fxhome.job.SyncReason;
import io.fxhome.job.SyncTopology;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Messages on the job lanes that no worker can read are dead-lettered at once, each once, with the reason, as they
 * came; the worker goes on with the good jobs behind them. Real RabbitMQ: the bodies are published raw to the lanes.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class UnreadableJobTest extends SandboxSyncTestBase {
    @Inject
    RabbitConnectionSettings rabbit;
    @Inject
    SyncTopology topology;
    @Inject
    MeterRegistry metrics;

    @Test
    void unreadableMessagesAreDeadLetteredOnceWithTheirReasonAndGoodJobsGoOn() throws Exception {
        String marker = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        // body -> the start of the reason the dead letter must carry
        Map<String, String> unreadable = new LinkedHashMap<>();
        unreadable.put("garbage " + marker + " \u0000\u00ff", "sync job is not JSON");
        unreadable.put("[\"" + marker + "\"]", "sync job is not a JSON object");
        unreadable.put("{\"version\":1,\"marker\":\"" + marker + "\",\"reason\":\"SCHEDULED\",\"requestedAt\":\"" + now
                + "\",\"attempt\":0}", "invalid sync job");
        unreadable.put("{\"version\":1,\"accountId\":\"not-a-uuid-" + marker + "\",\"reason\":\"SCHEDULED\","
                + "\"requestedAt\":\"" + now + "\",\"attempt\":0}", "invalid sync job");
        unreadable.put("{\"version\":99,\"accountId\":\"" + UUID.randomUUID() + "\",\"marker\":\"" + marker + "\"}",
                "unsupported sync job version 99");
        unreadable.put("{\"version\":1,\"accountId\":\"" + UUID.randomUUID() + "\",\"reason\":\"NO_SUCH_REASON\","
                + "\"marker\":\"" + marker + "\",\"requestedAt\":\"" + now + "\",\"attempt\":0}", "invalid sync job");

        String email = "unreadable-" + marker + "@example.test";
        sandbox().createAccount(NewAccount.of(email, "pw-unreadable").withProfile(ProfileSpec.small(nextSeed())));
        UUID account = LinkedAccounts.link(ds, cipher, email, "pw-unreadable");
        double invalidBefore = invalid();

        Map<String, GetResponse> dead = new HashMap<>();
        try (Connection connection = rabbit.connectionFactory().newConnection("unreadable job test");
                Channel channel = connection.createChannel()) {
            int i = 0;
            for (String body : unreadable.keySet()) {
                // Both lanes, as the producers' own messages: JSON content type, persistent.
                String lane = i++ % 2 == 0 ? topology.scheduledQueue() : topology.interactiveQueue();
                channel.basicPublish(topology.exchange(), lane, new AMQP.BasicProperties.Builder()
                        .contentType(SyncMessageHeaders.CONTENT_TYPE).deliveryMode(2).build(),
                        body.getBytes(StandardCharsets.UTF_8));
            }
            // A good job behind them is synced.
            syncAndAwait(account, SyncReason.SCHEDULED, 1);
            assertThat(rows("select outcome from sync_run where account_id = ?", account)).containsExactly("done");

            await("every unreadable message dead-lettered").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        for (GetResponse got; (got = channel.basicGet(topology.deadQueue(), true)) != null;) {
                            String body = new String(got.getBody(), StandardCharsets.UTF_8);
                            if (body.contains(marker)) {
                                assertThat(dead.put(body, got)).as("dead-lettered twice: " + body).isNull();
                            }
                        }
                        return dead.size() == unreadable.size();
                    });
        }
        for (var expected : unreadable.entrySet()) {
            GetResponse got = dead.get(expected.getKey());
            assertThat(got).as(expected.getKey()).isNotNull();
            assertThat(got.getProps().getHeaders().get(SyncMessageHeaders.DEAD_REASON).toString())
                    .startsWith(expected.getValue());
            // Dead-lettered by the worker at the first delivery, not by the queue after its delivery limit.
            assertThat(got.getProps().getHeaders()).doesNotContainKey("x-death");
        }
        // Each read once: no requeue, no redelivery loop, nothing left on the lanes.
        assertThat(invalid()).isEqualTo(invalidBefore + unreadable.size());
        for (String lane : List.of(topology.scheduledQueue(), topology.interactiveQueue())) {
            assertThat(publisher.messageCount(lane)).as(lane).isZero();
        }
    }

    private double invalid() {
        var counter = metrics.find("fxhome.worker.jobs").tag("outcome", "invalid").counter();
        return counter == null ? 0 : counter.count();
    }
}
