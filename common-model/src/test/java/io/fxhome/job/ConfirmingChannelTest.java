package io.fxhome.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ConnectionFactory;

/**
 * The confirming channel against the real local broker, behind a {@link TcpProxy} that cuts the connection or holds
 * back the broker's confirms: a call returns only with every confirm, and fails (never hangs, never succeeds) when
 * the confirms cannot come.
 */
class ConfirmingChannelTest {
    private TestBroker broker;
    private TcpProxy proxy;
    private ConfirmingChannel channel;
    private final AtomicInteger declarations = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        broker = new TestBroker(List.of(Duration.ofMinutes(5)));
        proxy = new TcpProxy(broker.settings.host(), broker.settings.port());
        ConnectionFactory factory = new RabbitConnectionSettings("127.0.0.1", proxy.port(), "guest", "guest", "/")
                .connectionFactory();
        factory.setNetworkRecoveryInterval(300);
        channel = new ConfirmingChannel(factory, "confirming channel test", ch -> {
            declarations.incrementAndGet();
            broker.topology.declare(ch);
        }, Duration.ofSeconds(2), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws Exception {
        channel.close();
        proxy.close();
        broker.close();
    }

    @Test
    void returnsOnceEveryMessageIsConfirmed() throws Exception {
        List<ConfirmingChannel.Message> messages = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            messages.add(message("m" + i));
        }

        channel.publish(messages);

        assertThat(broker.count(queue())).isEqualTo(500);
        assertThat(declarations).hasValue(1);
    }

    @Test
    void aConfirmThatDoesNotComeFailsTheCallAfterTheTimeoutAndTheNextCallGoesThrough() throws Exception {
        channel.publish(List.of(message("before")));
        proxy.holdReplies(true);

        long start = System.nanoTime();
        assertThatThrownBy(() -> channel.publish(List.of(message("held"))))
                .isInstanceOf(SyncJobPublishException.class)
                .hasMessageContaining("no publisher confirm within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));

        // The late confirm of the failed call settles nothing; the next call waits for its own.
        proxy.holdReplies(false);
        channel.publish(List.of(message("after")));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(broker.count(queue())).isEqualTo(3));
    }

    @Test
    void aConnectionCutWhileACallWaitsFailsItAtOnceAndTheChannelRecovers() throws Exception {
        channel.publish(List.of(message("before")));
        proxy.holdReplies(true);

        CompletableFuture<Void> waiting = CompletableFuture.runAsync(
                () -> channel.publish(List.of(message("in flight"))));
        // The message reached the broker; only its confirm is held back.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(broker.count(queue())).isEqualTo(2));
        assertThat(waiting).isNotDone();

        proxy.cut();
        proxy.holdReplies(false);

        assertThatThrownBy(() -> waiting.get(1, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SyncJobPublishException.class)
                .hasMessageContaining("closed before confirming");

        await().atMost(Duration.ofSeconds(15)).until(channel::checkConnection);
        channel.publish(List.of(message("after recovery")));
        assertThat(broker.count(queue())).isEqualTo(3);
    }

    @Test
    void whatWasDeclaredIsDeclaredAgainAfterARecovery() throws Exception {
        channel.publish(List.of(message("before")));
        assertThat(declarations).hasValue(1);

        proxy.cut();
        await().atMost(Duration.ofSeconds(5)).until(() -> !channel.isConnected());
        // Meanwhile the broker lost the queue (a reset, an operator): without a new declaration nothing would route.
        broker.channel.queueDelete(queue());
        await().atMost(Duration.ofSeconds(15)).until(channel::checkConnection);

        channel.publish(List.of(message("after recovery")));
        assertThat(declarations).hasValue(2);
        assertThat(broker.count(queue())).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionIsNotConnectedAndTheCallFailsWithTheAddressNotTheCredentials() throws Exception {
        proxy.refuse(true);

        assertThat(channel.checkConnection()).isFalse();
        assertThatThrownBy(() -> channel.publish(List.of(message("nowhere"))))
                .isInstanceOf(SyncJobPublishException.class)
                .hasMessageContaining("127.0.0.1:" + proxy.port())
                .hasMessageNotContaining("guest");
        assertThat(channel.messageCount(queue())).isEqualTo(-1);
    }

    private String queue() {
        return broker.topology.scheduledQueue();
    }

    private ConfirmingChannel.Message message(String body) {
        AMQP.BasicProperties persistent = new AMQP.BasicProperties.Builder().deliveryMode(2).build();
        return new ConfirmingChannel.Message(broker.topology.exchange(), queue(), persistent,
                body.getBytes(StandardCharsets.UTF_8));
    }
}
