package io.fxhome.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/** Against the real local RabbitMQ, under a namespace of its own. */
class SyncJobPublisherTest {
    private static final Duration SHORT_TIER = Duration.ofSeconds(1);
    private static final Duration LONG_TIER = Duration.ofMinutes(5);

    private TestBroker broker;
    private SyncJobPublisher publisher;

    @BeforeEach
    void setUp() throws Exception {
        broker = new TestBroker(List.of(SHORT_TIER, LONG_TIER));
        publisher = new SyncJobPublisher(broker.settings, broker.topology, Duration.ofSeconds(10),
                "common-model test publisher");
    }

    @AfterEach
    void tearDown() throws Exception {
        publisher.close();
        broker.close();
    }

    @Test
    void publishedJobIsDurableConfirmedAndOnItsLaneWithItsHeaders() throws Exception {
        SyncJob job = SyncJob.of(UUID.randomUUID(), SyncReason.INTERACTIVE, Instant.parse("2026-11-30T06:00:00Z"));

        publisher.publish(job);

        // publish() returned, so the broker confirmed: the message is there at once.
        assertThat(broker.count(broker.topology.interactiveQueue())).isEqualTo(1);
        assertThat(broker.count(broker.topology.scheduledQueue())).isZero();
        GetResponse got = broker.channel.basicGet(broker.topology.interactiveQueue(), true);
        assertThat(SyncJobCodec.decode(got.getBody())).isEqualTo(job);
        assertThat(got.getEnvelope().getExchange()).isEqualTo(broker.topology.exchange());
        assertThat(got.getEnvelope().getRoutingKey()).isEqualTo(broker.topology.interactiveQueue());
        assertThat(got.getProps().getDeliveryMode()).isEqualTo(2);
        assertThat(got.getProps().getContentType()).isEqualTo("application/json");
        assertThat(got.getProps().getMessageId()).isEqualTo(job.accountId() + "@2026-11-30T06:00:00Z#0");
        assertThat(got.getProps().getHeaders()).containsEntry(SyncMessageHeaders.JOB_VERSION, 1);
    }

    @Test
    void batchLandsEveryJobOnItsLane() throws Exception {
        List<SyncJob> jobs = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            jobs.add(SyncJob.of(UUID.randomUUID(), i % 3 == 0 ? SyncReason.FIRST_LINK : SyncReason.SCHEDULED, Instant.now()));
        }

        publisher.publishAll(jobs);

        assertThat(broker.count(broker.topology.interactiveQueue())).isEqualTo(1000);
        assertThat(broker.count(broker.topology.scheduledQueue())).isEqualTo(2000);
    }

    @Test
    void concurrentCallersShareTheChannelAndEachGetsItsOwnConfirms() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                calls.add(pool.submit(() -> {
                    for (int batch = 0; batch < 10; batch++) {
                        List<SyncJob> jobs = new ArrayList<>();
                        for (int i = 0; i < 100; i++) {
                            jobs.add(SyncJob.of(UUID.randomUUID(), SyncReason.SCHEDULED, Instant.now()));
                        }
                        publisher.publishAll(jobs);
                    }
                    publisher.publish(SyncJob.of(UUID.randomUUID(), SyncReason.INTERACTIVE, Instant.now()));
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(broker.count(broker.topology.scheduledQueue())).isEqualTo(4000);
        assertThat(broker.count(broker.topology.interactiveQueue())).isEqualTo(4);
    }

    @Test
    void retryTierSendsTheJobBackToItsLaneAfterTheDelay() throws Exception {
        SyncJob failed = SyncJob.of(UUID.randomUUID(), SyncReason.FIRST_LINK, Instant.now());
        SyncJob next = failed.nextAttempt();
        RetryTier tier = broker.topology.retryTierFor(next.attempt());
        assertThat(tier.delay()).isEqualTo(SHORT_TIER);

        long start = System.nanoTime();
        publisher.publishRetry(next, tier);
        assertThat(broker.count(tier.queue())).isEqualTo(1);
        assertThat(broker.count(broker.topology.retryTierFor(2).queue())).as("only its own tier holds it").isZero();
        assertThat(broker.count(broker.topology.interactiveQueue())).isZero();

        GetResponse back = broker.take(broker.topology.interactiveQueue(), Duration.ofSeconds(10));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(back).as("job back on its lane").isNotNull();
        assertThat(waitedMillis).isGreaterThanOrEqualTo(SHORT_TIER.toMillis() - 50);
        assertThat(SyncJobCodec.decode(back.getBody())).isEqualTo(next);
        assertThat(back.getEnvelope().getRoutingKey()).isEqualTo(broker.topology.interactiveQueue());
        assertThat(back.getProps().getDeliveryMode()).isEqualTo(2);
        assertThat(back.getProps().getHeaders()).containsKey("x-death");
        assertThat(broker.count(tier.queue())).isZero();
    }

    @Test
    void aLongTierDoesNotHoldBackAShortOne() throws Exception {
        UUID slow = UUID.randomUUID();
        UUID fast = UUID.randomUUID();
        publisher.publishRetry(SyncJob.of(slow, SyncReason.SCHEDULED, Instant.now()).nextAttempt(),
                broker.topology.retryTierFor(2));
        publisher.publishRetry(SyncJob.of(fast, SyncReason.SCHEDULED, Instant.now()).nextAttempt(),
                broker.topology.retryTierFor(1));

        GetResponse back = broker.take(broker.topology.scheduledQueue(), Duration.ofSeconds(10));

        assertThat(back).isNotNull();
        assertThat(SyncJobCodec.decode(back.getBody()).accountId()).isEqualTo(fast);
        assertThat(broker.count(broker.topology.retryTierFor(2).queue())).isEqualTo(1);
    }

    @Test
    void aTierOfAnotherTopologyIsRefused() {
        SyncJob job = SyncJob.of(UUID.randomUUID(), SyncReason.SCHEDULED, Instant.now()).nextAttempt();
        assertThatThrownBy(() -> publisher.publishRetry(job, SyncTopology.standard().retryTierFor(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deadJobCarriesItsReason() throws Exception {
        SyncJob job = SyncJob.of(UUID.randomUUID(), SyncReason.SCHEDULED, Instant.now());

        publisher.publishDead(job, "storage node answered 503 six times");

        GetResponse dead = broker.channel.basicGet(broker.topology.deadQueue(), true);
        assertThat(SyncJobCodec.decode(dead.getBody())).isEqualTo(job);
        assertThat(dead.getProps().getHeaders().get(SyncMessageHeaders.DEAD_REASON).toString())
                .isEqualTo("storage node answered 503 six times");
        assertThat(broker.count(broker.topology.scheduledQueue())).isZero();
    }

    @Test
    void aRejectedLaneMessageIsDeadLettered() throws Exception {
        publisher.publish(SyncJob.of(UUID.randomUUID(), SyncReason.SCHEDULED, Instant.now()));

        GetResponse got = broker.channel.basicGet(broker.topology.scheduledQueue(), false);
        broker.channel.basicReject(got.getEnvelope().getDeliveryTag(), false);

        assertThat(broker.take(broker.topology.deadQueue(), Duration.ofSeconds(5))).isNotNull();
    }

    @Test
    void declaringTheTopologyAgainFromAnotherProcessIsHarmless() throws Exception {
        publisher.publish(SyncJob.of(UUID.randomUUID(), SyncReason.SCHEDULED, Instant.now()));
        try (var other = broker.settings.connectionFactory().newConnection("second process");
                Channel channel = other.createChannel()) {
            broker.topology.declare(channel);
            broker.topology.declare(channel);
        }
        // Redeclaring kept the queue and its message.
        assertThat(broker.count(broker.topology.scheduledQueue())).isEqualTo(1);
        // And the arguments are exactly ours: a classic queue of the same name is refused.
        try (var other = broker.settings.connectionFactory().newConnection("third process")) {
            Channel channel = other.createChannel();
            assertThatThrownBy(() -> channel.queueDeclare(broker.topology.scheduledQueue(), true, false, false, Map.of()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aDeletedTopologyFailsThePublishThenIsDeclaredAgain() throws Exception {
        publisher.publish(SyncJob.of(UUID.randomUUID(), SyncReason.SCHEDULED, Instant.now()));
        broker.channel.queueDelete(broker.topology.scheduledQueue());

        assertThatThrownBy(() -> publisher.publish(SyncJob.of(UUID.randomUUID(), SyncReason.SCHEDULED, Instant.now())))
                .isInstanceOf(SyncJobPublishException.class)
                .hasMessageContaining("unroutable");

        publisher.publish(SyncJob.of(UUID.randomUUID(), SyncReason.SCHEDULED, Instant.now()));
        assertThat(broker.count(broker.topology.scheduledQueue())).isEqualTo(1);
    }

    @Test
    void healthFollowsTheConnectionAndRecoversAfterANetworkCut() throws Exception {
        try (TcpProxy proxy = new TcpProxy(broker.settings.host(), broker.settings.port())) {
            ConnectionFactory factory = new RabbitConnectionSettings("127.0.0.1", proxy.port(), "guest", "guest", "/")
                    .connectionFactory();
            factory.setNetworkRecoveryInterval(300);
            try (SyncJobPublisher viaProxy = new SyncJobPublisher(factory, broker.topology, Duration.ofSeconds(5),
                    "proxied publisher", Clock.systemUTC())) {
                assertThat(viaProxy.checkConnection()).isTrue();
                viaProxy.publish(SyncJob.of(UUID.randomUUID(), SyncReason.SCHEDULED, Instant.now()));

                proxy.refuse(true);
                await("the publisher sees the cut").atMost(Duration.ofSeconds(5)).until(() -> !viaProxy.isConnected());
                assertThat(viaProxy.checkConnection()).isFalse();
                assertThatThrownBy(() -> viaProxy.publish(SyncJob.of(UUID.randomUUID(), SyncReason.SCHEDULED, Instant.now())))
                        .isInstanceOf(SyncJobPublishException.class)
                        .hasMessageNotContaining("guest");

                proxy.refuse(false);
                await("the publisher reconnects").atMost(Duration.ofSeconds(15)).until(viaProxy::checkConnection);
                viaProxy.publish(SyncJob.of(UUID.randomUUID(), SyncReason.SCHEDULED, Instant.now()));
            }
        }
        assertThat(broker.count(broker.topology.scheduledQueue())).isEqualTo(2);
    }

    @Test
    void aBrokerThatIsNotThereMeansNotReadyAndAClearError() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (SyncJobPublisher nowhere = new SyncJobPublisher(
                new RabbitConnectionSettings("127.0.0.1", closedPort, "guest", "pw-not-shown", "/"),
                broker.topology, Duration.ofSeconds(2), "nowhere")) {
            assertThat(nowhere.checkConnection()).isFalse();
            assertThatThrownBy(() -> nowhere.publish(SyncJob.of(UUID.randomUUID(), SyncReason.SCHEDULED, Instant.now())))
                    .isInstanceOf(SyncJobPublishException.class)
                    .hasMessageContaining("127.0.0.1:" + closedPort)
                    .hasMessageNotContaining("pw-not-shown");
        }
    }
}
